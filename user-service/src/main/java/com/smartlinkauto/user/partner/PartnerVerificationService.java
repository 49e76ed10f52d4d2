package com.smartlinkauto.user.partner;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.smartlinkauto.contracts.events.EventEnvelope;
import com.smartlinkauto.servicedefaults.problem.ApiException;
import com.smartlinkauto.user.account.UserAccount;
import com.smartlinkauto.user.account.UserAccountRepository;
import com.smartlinkauto.user.account.UserResponse;
import com.smartlinkauto.user.account.VerificationStatus;
import com.smartlinkauto.user.audit.AuditAction;
import com.smartlinkauto.user.audit.AuditLog;
import com.smartlinkauto.contracts.events.user.PartnerVerificationChanged;
import com.smartlinkauto.contracts.events.user.UserEventTypes;
import com.smartlinkauto.user.support.UserMetrics;

/**
 * Partner verification: each change is checked against the state machine, audited and published as
 * {@code PartnerVerificationChanged} in one transaction (the partner's notification follows from the event).
 */
@Service
public class PartnerVerificationService {

    private static final Logger log = LoggerFactory.getLogger(PartnerVerificationService.class);

    private final UserAccountRepository users;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final UserMetrics metrics;
    private final Clock clock;

    PartnerVerificationService(UserAccountRepository users, AuditLog audit, ApplicationEventPublisher events,
            UserMetrics metrics, Clock clock) {
        this.users = users;
        this.audit = audit;
        this.events = events;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** The review queue: oldest first. */
    @Transactional(readOnly = true)
    public Page<UserAccount> pending(int page, int size) {
        return users.findByVerificationStatus(VerificationStatus.PENDING,
                PageRequest.of(page, size, Sort.by("createdAt", "id")));
    }

    @Transactional
    public UserResponse decide(UUID partnerId, VerificationChangeRequest request, UUID adminId) {
        return change(partnerId, request.status(), request.reason(), VerificationStatus.Actor.ADMIN, adminId);
    }

    /** REJECTED → PENDING, by the partner. */
    @Transactional
    public UserResponse resubmit(UUID partnerId) {
        return change(partnerId, VerificationStatus.PENDING, null, VerificationStatus.Actor.PARTNER, partnerId);
    }

    private UserResponse change(UUID partnerId, VerificationStatus target, String reason,
            VerificationStatus.Actor actor, UUID actorId) {
        UserAccount partner = users.findById(partnerId).filter(UserAccount::isPartner)
                .orElseThrow(() -> ApiException.notFound("Partner"));
        Instant now = clock.instant();
        VerificationStatus from = partner.changeVerification(target, reason, actor, now);
        // optimistic lock: a concurrent decision on the same partner fails here with 409
        users.saveAndFlush(partner);
        audit.record(actorId, AuditAction.PARTNER_VERIFICATION_CHANGED, partnerId.toString(), from.name(),
                target.name(), reason);
        events.publishEvent(EventEnvelope.of(UserEventTypes.PARTNER_VERIFICATION_CHANGED, partnerId.toString(),
                new PartnerVerificationChanged(partnerId, from.name(), target.name(), reason, actorId, now)));
        metrics.verificationChanged(target.name());
        log.info("Partner {} verification {} -> {} by {}", partnerId, from, target, actorId);
        return UserResponse.of(partner);
    }
}
