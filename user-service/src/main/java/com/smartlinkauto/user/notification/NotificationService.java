package com.smartlinkauto.user.notification;

import java.time.Clock;
import java.util.UUID;

import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import com.smartlinkauto.servicedefaults.problem.ApiException;

@Service
public class NotificationService {

    private final NotificationRepository notifications;
    private final Clock clock;

    NotificationService(NotificationRepository notifications, Clock clock) {
        this.notifications = notifications;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public NotificationResponse.Page page(UUID userId, int page, int size) {
        var result = notifications.findByUserId(userId,
                PageRequest.of(page, size, Sort.by(Sort.Order.desc("createdAt"), Sort.Order.desc("id"))));
        return new NotificationResponse.Page(result.getContent().stream().map(NotificationResponse::of).toList(),
                result.getNumber(), result.getSize(), result.getTotalElements(), result.getTotalPages(),
                notifications.countByUserIdAndReadAtIsNull(userId));
    }

    /** Marks one of the caller's notifications read (idempotent). Someone else's is "not found". */
    @Transactional
    public void markRead(UUID userId, UUID notificationId) {
        Notification notification = notifications.findByIdAndUserId(notificationId, userId)
                .orElseThrow(() -> ApiException.notFound("Notification"));
        notification.markRead(clock.instant());
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void create(UUID userId, String type, String title, String body) {
        notifications.save(new Notification(userId, type, abbreviate(title, 200), abbreviate(body, 1000),
                clock.instant()));
    }

    private static String abbreviate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
