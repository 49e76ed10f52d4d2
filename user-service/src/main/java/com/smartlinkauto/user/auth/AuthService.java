package com.smartlinkauto.user.auth;

import java.util.Optional;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

import com.smartlinkauto.servicedefaults.problem.ApiException;
import com.smartlinkauto.servicedefaults.problem.ProblemTypes;
import com.smartlinkauto.user.account.PasswordPolicy;
import com.smartlinkauto.user.account.UserAccount;
import com.smartlinkauto.user.account.UserAccountRepository;
import com.smartlinkauto.user.support.UserMetrics;
import com.smartlinkauto.user.throttle.LoginThrottle;
import com.smartlinkauto.user.web.ThrottleUnavailableException;
import com.smartlinkauto.user.web.TooManyAttemptsException;
import com.smartlinkauto.user.token.RefreshTokenService;

/** Login, refresh and logout. */
@Service
public class AuthService {

    private final UserAccountRepository users;
    private final PasswordEncoder passwordEncoder;
    private final LoginThrottle throttle;
    private final AccessTokenIssuer accessTokens;
    private final RefreshTokenService refreshTokens;
    private final UserMetrics metrics;
    /** Compared against when the email is unknown, so both failures cost one BCrypt check. */
    private final String dummyHash;

    AuthService(UserAccountRepository users, PasswordEncoder passwordEncoder, LoginThrottle throttle,
            AccessTokenIssuer accessTokens, RefreshTokenService refreshTokens, UserMetrics metrics) {
        this.users = users;
        this.passwordEncoder = passwordEncoder;
        this.throttle = throttle;
        this.accessTokens = accessTokens;
        this.refreshTokens = refreshTokens;
        this.metrics = metrics;
        this.dummyHash = passwordEncoder.encode(UUID.randomUUID().toString());
    }

    /**
     * An unknown email and a wrong password give the same 401 after the same work. Not transactional:
     * no database connection is held while BCrypt runs.
     */
    public TokenResponse login(LoginRequest request, String clientAddress) {
        LoginThrottle.Attempt attempt;
        try {
            attempt = throttle.begin(request.email(), clientAddress);
        }
        catch (TooManyAttemptsException ex) {
            metrics.login("throttled");
            throw ex;
        }
        catch (ThrottleUnavailableException ex) {
            metrics.login("unavailable");
            throw ex;
        }
        Optional<UserAccount> user = users.findByEmail(request.email());
        // a password BCrypt cannot take whole never matches a stored hash; still spend the same time
        boolean usable = !PasswordPolicy.tooLong(request.password());
        String candidate = usable ? request.password() : "x".repeat(PasswordPolicy.MIN_LENGTH);
        boolean matches;
        if (user.isPresent()) {
            matches = passwordEncoder.matches(candidate, user.get().getPasswordHash());
        }
        else {
            passwordEncoder.matches(candidate, dummyHash);
            matches = false;
        }
        if (!matches || !usable) {
            attempt.failed();
            metrics.login("failure");
            throw new ApiException(HttpStatus.UNAUTHORIZED, ProblemTypes.of("invalid-credentials"),
                    "The email address or password is not correct.");
        }
        attempt.succeeded();
        metrics.login("success");
        UserAccount account = user.get();
        AccessTokenIssuer.Planned access = accessTokens.plan();
        return tokens(account, access, refreshTokens.startFamily(account.getId(), access.ref()));
    }

    /**
     * Rotates the refresh token (the access token issued with the spent one is revoked); a spent one
     * revokes its whole family (401).
     */
    public TokenResponse refresh(String refreshToken) {
        AccessTokenIssuer.Planned access = accessTokens.plan();
        RefreshTokenService.Rotation rotation = refreshTokens.rotate(refreshToken, access.ref());
        UserAccount account = users.findById(rotation.userId())
                .orElseThrow(() -> new ApiException(HttpStatus.UNAUTHORIZED, ProblemTypes.of("invalid-refresh-token"),
                        "The refresh token is not valid."));
        return tokens(account, access, rotation.refreshToken());
    }

    /** Ends the session: its refresh tokens and the access tokens issued with them. */
    public void logout(String refreshToken) {
        refreshTokens.revokeFamilyOf(refreshToken);
    }

    private TokenResponse tokens(UserAccount account, AccessTokenIssuer.Planned planned, String refreshToken) {
        AccessTokenIssuer.AccessToken access = accessTokens.issue(account, planned);
        return new TokenResponse(access.value(), refreshToken, "Bearer", access.expiresInSeconds());
    }
}
