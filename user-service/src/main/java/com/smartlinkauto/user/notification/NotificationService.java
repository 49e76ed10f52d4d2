package com.smartlinkauto.user.notification;

import java.time.Clock;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import com.smartlinkauto.servicedefaults.problem.ApiException;
import com.smartlinkauto.user.account.UserAccountRepository;

@Service
public class NotificationService {

    private static final Logger log = LoggerFactory.getLogger(NotificationService.class);

    private final NotificationRepository notifications;
    private final UserAccountRepository users;
    private final Clock clock;

    NotificationService(NotificationRepository notifications, UserAccountRepository users, Clock clock) {
        this.notifications = notifications;
        this.users = users;
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

    /**
     * Adds a notification in the caller's transaction (an event consumer's, with its de-duplication). An event
     * that names no account of this service (an id from another environment, a hand-made event) is told to no
     * one: retrying cannot make the account appear, and parking the record would hide the ones that matter.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void create(UUID userId, String type, String title, String body) {
        if (!users.existsById(userId)) {
            log.warn("No account {}: {} notification not stored", userId, type);
            return;
        }
        notifications.save(new Notification(userId, type, abbreviate(title, 200), abbreviate(body, 1000),
                clock.instant()));
    }

    private static String abbreviate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
