package com.smartlinkauto.user.admin;

import java.time.Clock;
import java.time.Instant;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import com.smartlinkauto.user.account.AccountService;
import com.smartlinkauto.user.account.PasswordPolicy;
import com.smartlinkauto.user.account.Role;
import com.smartlinkauto.user.account.UserAccount;
import com.smartlinkauto.user.account.UserAccountRepository;
import com.smartlinkauto.user.audit.AuditAction;
import com.smartlinkauto.user.audit.AuditLog;
import com.smartlinkauto.user.support.AdvisoryLocks;
import com.smartlinkauto.user.token.RefreshTokenService;
import com.smartlinkauto.user.web.Inputs;

/**
 * Ensures the configured ADMIN at start-up, the only way an account becomes ADMIN. Idempotent: the
 * account is created once; on later starts it keeps (or regains) ADMIN and the configured password,
 * and each actual change is audited. Instances starting together serialise on an advisory lock.
 */
@Component
class AdminBootstrap implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);
    private static final Pattern EMAIL = Pattern.compile(Inputs.EMAIL);

    private final AdminProperties properties;
    private final UserAccountRepository users;
    private final PasswordEncoder passwordEncoder;
    private final AuditLog audit;
    private final AdvisoryLocks locks;
    private final RefreshTokenService refreshTokens;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate tx;
    private final Clock clock;

    AdminBootstrap(AdminProperties properties, UserAccountRepository users, PasswordEncoder passwordEncoder,
            AuditLog audit, AdvisoryLocks locks, RefreshTokenService refreshTokens, ApplicationEventPublisher events,
            TransactionTemplate tx, Clock clock) {
        this.properties = properties;
        this.users = users;
        this.passwordEncoder = passwordEncoder;
        this.audit = audit;
        this.locks = locks;
        this.refreshTokens = refreshTokens;
        this.events = events;
        this.tx = tx;
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments args) {
        ensureAdmin();
    }

    void ensureAdmin() {
        if (properties.partlyConfigured()) {
            throw new IllegalStateException("Set both SMARTLINK_ADMIN_EMAIL and SMARTLINK_ADMIN_PASSWORD, or neither");
        }
        if (!properties.configured()) {
            log.warn("SMARTLINK_ADMIN_EMAIL/SMARTLINK_ADMIN_PASSWORD are not set: no admin account is ensured");
            return;
        }
        String email = Inputs.normalizeEmail(properties.email());
        if (email.length() > Inputs.EMAIL_MAX || !EMAIL.matcher(email).matches()) {
            throw new IllegalStateException("SMARTLINK_ADMIN_EMAIL is not a valid email address");
        }
        PasswordPolicy.problem(properties.password(), email).ifPresent(problem -> {
            throw new IllegalStateException("SMARTLINK_ADMIN_PASSWORD " + problem);
        });
        tx.executeWithoutResult(status -> {
            locks.lockForTransaction("user-service:admin-bootstrap");
            Instant now = clock.instant();
            UserAccount admin = users.findByEmail(email).orElse(null);
            if (admin == null) {
                admin = UserAccount.create(email, passwordEncoder.encode(properties.password()), "Platform",
                        "Administrator", null, Role.ADMIN, now);
                users.saveAndFlush(admin);
                audit.record(null, AuditAction.ADMIN_BOOTSTRAPPED, admin.getId().toString(), null, Role.ADMIN.name(),
                        "configured admin account created");
                AccountService.publishRegistered(admin, events);
                log.info("Created the configured admin account {}", admin.getId());
                return;
            }
            if (admin.grantAdmin(now)) {
                audit.record(null, AuditAction.ADMIN_ROLE_GRANTED, admin.getId().toString(), null, Role.ADMIN.name(),
                        "account has the configured admin email");
                log.warn("Granted ADMIN to the existing account {} that has the configured admin email", admin.getId());
            }
            if (!passwordEncoder.matches(properties.password(), admin.getPasswordHash())) {
                admin.changePasswordHash(passwordEncoder.encode(properties.password()), now);
                refreshTokens.revokeAllForUser(admin.getId());
                audit.record(null, AuditAction.ADMIN_PASSWORD_RESET, admin.getId().toString(), null, null,
                        "password set from configuration");
                log.info("Reset the admin account's password to the configured one; its sessions are revoked");
            }
            users.saveAndFlush(admin);
        });
    }
}
