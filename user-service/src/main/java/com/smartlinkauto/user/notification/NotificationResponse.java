package com.smartlinkauto.user.notification;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

public record NotificationResponse(UUID id, String type, String title, String body, Instant createdAt,
        Instant readAt, boolean read) {

    static NotificationResponse of(Notification n) {
        return new NotificationResponse(n.getId(), n.getType(), n.getTitle(), n.getBody(), n.getCreatedAt(),
                n.getReadAt(), n.getReadAt() != null);
    }

    /** A page of notifications, newest first, and how many of all the user's notifications are unread. */
    public record Page(List<NotificationResponse> items, int page, int size, long totalElements, int totalPages,
            long unreadCount) {
    }
}
