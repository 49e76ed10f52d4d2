package com.smartlinkauto.user.throttle;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.smartlinkauto.user.support.UserMetrics;
import com.smartlinkauto.user.web.ThrottleUnavailableException;
import com.smartlinkauto.user.web.TooManyAttemptsException;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.BucketProxy;

/**
 * Limits password guessing per account and per client address with Bucket4j token buckets kept in
 * Redis ({@link RedisBuckets}: shared by every instance, atomic compare-and-swap). Every attempt takes a
 * token from both buckets before the password is checked, so parallel guesses cannot slip past; a
 * successful attempt gives them back. An empty bucket is a 429 with {@code Retry-After}.
 * <p>
 * When Redis cannot be reached the attempt is refused with 503 and {@code Retry-After} (fail closed: no
 * password is checked unmetered), logged and counted as {@code smartlink_users_login_throttle_unavailable_total}.
 */
@Component
public class LoginThrottle {

    private static final Logger log = LoggerFactory.getLogger(LoginThrottle.class);
    private static final String PREFIX = "login-throttle:";

    private final LoginThrottleProperties properties;
    private final RedisBuckets buckets;
    private final UserMetrics metrics;
    private final BucketConfiguration accountBuckets;
    private final BucketConfiguration addressBuckets;

    LoginThrottle(LoginThrottleProperties properties, RedisBuckets buckets, UserMetrics metrics) {
        this.properties = properties;
        this.buckets = buckets;
        this.metrics = metrics;
        this.accountBuckets = RedisBuckets.configuration(properties.accountMaxFailures(), properties.accountWindow());
        this.addressBuckets = RedisBuckets.configuration(properties.addressMaxFailures(), properties.addressWindow());
    }

    /**
     * Takes one attempt from the address's and the account's budgets.
     *
     * @throws TooManyAttemptsException     when either budget is used up
     * @throws ThrottleUnavailableException when Redis cannot be asked
     */
    public Attempt begin(String email, String clientAddress) {
        if (!properties.enabled()) {
            return Attempt.NONE;
        }
        try {
            BucketProxy address = buckets.bucket(PREFIX + "address:" + clientAddress, addressBuckets);
            ConsumptionProbe addressProbe = address.tryConsumeAndReturnRemaining(1);
            if (!addressProbe.isConsumed()) {
                throw tooMany(addressProbe);
            }
            BucketProxy account = buckets.bucket(PREFIX + "account:" + sha256(email.toLowerCase(Locale.ROOT)),
                    accountBuckets);
            ConsumptionProbe accountProbe = account.tryConsumeAndReturnRemaining(1);
            if (!accountProbe.isConsumed()) {
                address.addTokens(1);
                throw tooMany(accountProbe);
            }
            return new Attempt(account, address);
        }
        catch (TooManyAttemptsException ex) {
            throw ex;
        }
        catch (RuntimeException ex) {
            metrics.throttleUnavailable("login");
            log.warn("Login throttle unavailable, attempt refused: {}", ex.toString());
            throw new ThrottleUnavailableException("Sign-in is unavailable right now. Try again shortly.", ex);
        }
    }

    private static TooManyAttemptsException tooMany(ConsumptionProbe probe) {
        return new TooManyAttemptsException("Too many failed sign-in attempts. Try again later.",
                Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }

    private static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** One attempt in progress: report how it ended. */
    public static class Attempt {

        static final Attempt NONE = new Attempt(null, null);

        private final BucketProxy account;
        private final BucketProxy address;

        Attempt(BucketProxy account, BucketProxy address) {
            this.account = account;
            this.address = address;
        }

        /** The password was right: the account's budget is restored and the address gets its token back. */
        public void succeeded() {
            if (account == null) {
                return;
            }
            try {
                account.reset();
                address.addTokens(1);
            }
            catch (RuntimeException ex) {
                log.warn("Login throttle unavailable while restoring budgets: {}", ex.toString());
            }
        }

        /** The password was wrong: the tokens stay spent. */
        public void failed() {
            // nothing to do: begin() already took them
        }
    }
}
