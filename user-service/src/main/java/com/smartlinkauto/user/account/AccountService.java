package com.smartlinkauto.user.account;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import com.smartlinkauto.contracts.events.EventEnvelope;
import com.smartlinkauto.servicedefaults.problem.ApiException;
import com.smartlinkauto.servicedefaults.problem.ProblemTypes;
import com.smartlinkauto.user.throttle.LoginThrottle;
import com.smartlinkauto.contracts.events.user.PartnerRegistered;
import com.smartlinkauto.contracts.events.user.UserEventTypes;
import com.smartlinkauto.contracts.events.user.UserRegistered;
import com.smartlinkauto.user.support.UserMetrics;
import com.smartlinkauto.user.token.RefreshTokenService;

/** Sign-up, the own profile, and password changes. */
@Service
public class AccountService {

    private static final Logger log = LoggerFactory.getLogger(AccountService.class);

    static final String EMAIL_INDEX = "ux_users_email_lower";

    private final UserAccountRepository users;
    private final PasswordEncoder passwordEncoder;
    private final ApplicationEventPublisher events;
    private final RefreshTokenService refreshTokens;
    private final LoginThrottle throttle;
    private final UserMetrics metrics;
    private final Clock clock;
    private final TransactionTemplate tx;

    AccountService(UserAccountRepository users, PasswordEncoder passwordEncoder, ApplicationEventPublisher events,
            RefreshTokenService refreshTokens, LoginThrottle throttle, UserMetrics metrics, Clock clock,
            TransactionTemplate tx) {
        this.tx = tx;
        this.users = users;
        this.passwordEncoder = passwordEncoder;
        this.events = events;
        this.refreshTokens = refreshTokens;
        this.throttle = throttle;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * Creates a RENTER or PARTNER account. The email's unique index decides between concurrent sign-ups:
     * the loser gets the same 409 as a sequential duplicate. BCrypt runs before the transaction opens,
     * so no database connection is held while it works (sign-up bursts would otherwise drain the pool).
     */
    public UserResponse register(SignUpRequest request, Role role) {
        if (role == Role.ADMIN) {
            throw new IllegalArgumentException("ADMIN accounts come only from the bootstrap configuration");
        }
        if (users.existsByEmail(request.email())) {
            throw emailTaken();
        }
        String hash = passwordEncoder.encode(request.password());
        UserAccount user = tx.execute(status -> {
            UserAccount created = UserAccount.create(request.email(), hash, request.firstName(), request.lastName(),
                    request.phoneNumber(), role, clock.instant());
            try {
                users.saveAndFlush(created);
            }
            catch (DataIntegrityViolationException ex) {
                if (String.valueOf(ex.getMostSpecificCause().getMessage()).contains(EMAIL_INDEX)) {
                    throw emailTaken();
                }
                throw ex;
            }
            publishRegistered(created, events);
            return created;
        });
        metrics.registered(role.name());
        log.info("Account {} registered as {}", user.getId(), role);
        return UserResponse.of(user);
    }

    /** The events of a new account: UserRegistered always, PartnerRegistered for partners (same transaction). */
    public static void publishRegistered(UserAccount user, ApplicationEventPublisher events) {
        String id = user.getId().toString();
        List<String> roles = user.getRoles().stream().sorted().map(Enum::name).toList();
        events.publishEvent(EventEnvelope.of(UserEventTypes.USER_REGISTERED, id, new UserRegistered(user.getId(),
                user.getEmail(), user.getFirstName(), user.getLastName(), roles, user.getCreatedAt())));
        if (user.isPartner()) {
            events.publishEvent(EventEnvelope.of(UserEventTypes.PARTNER_REGISTERED, id,
                    new PartnerRegistered(user.getId(), user.getEmail(), user.getFirstName(), user.getLastName(),
                            user.getVerificationStatus().name(), user.getCreatedAt())));
        }
    }

    @Transactional(readOnly = true)
    public UserResponse get(UUID userId) {
        return UserResponse.of(find(userId));
    }

    @Transactional
    public UserResponse update(UUID userId, UpdateProfileRequest request) {
        UserAccount user = find(userId);
        user.updateProfile(request.firstName(), request.lastName(), request.phoneNumber(), clock.instant());
        users.saveAndFlush(user);
        return UserResponse.of(user);
    }

    /**
     * Checks the current password (throttled like a login), applies the policy to the new one, and
     * ends every session of the account: all its refresh tokens are revoked.
     */
    public void changePassword(UUID userId, ChangePasswordRequest request, String clientAddress) {
        UserAccount user = users.findById(userId).orElseThrow(() -> ApiException.notFound("User"));
        LoginThrottle.Attempt attempt = throttle.begin(user.getEmail(), clientAddress);
        if (PasswordPolicy.tooLong(request.currentPassword())
                || !passwordEncoder.matches(request.currentPassword(), user.getPasswordHash())) {
            attempt.failed();
            throw new ApiException(HttpStatus.BAD_REQUEST, ProblemTypes.of("current-password-mismatch"),
                    "The current password is not correct.");
        }
        attempt.succeeded();
        PasswordPolicy.problem(request.newPassword(), user.getEmail()).ifPresent(problem -> {
            throw new ApiException(HttpStatus.BAD_REQUEST, ProblemTypes.VALIDATION, "The request has invalid fields.",
                    Map.of("errors", List.of(Map.of("field", "newPassword", "message", problem))));
        });
        String hash = passwordEncoder.encode(request.newPassword());
        tx.executeWithoutResult(status -> {
            UserAccount current = find(userId);
            current.changePasswordHash(hash, clock.instant());
            users.saveAndFlush(current);
            refreshTokens.revokeAllForUser(userId);
        });
        log.info("Account {} changed its password; its refresh tokens are revoked", userId);
    }

    private UserAccount find(UUID userId) {
        return users.findById(userId).orElseThrow(() -> ApiException.notFound("User"));
    }

    private static ApiException emailTaken() {
        return new ApiException(HttpStatus.CONFLICT, ProblemTypes.of("email-taken"),
                "An account with this email address already exists.");
    }
}
