package com.smartlinkauto.user.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.stereotype.Component;

import com.smartlinkauto.user.support.UserMetrics;
import com.smartlinkauto.user.web.TooManyAttemptsException;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.RedisClient;

/**
 * Limits password guessing per account and per client address with Bucket4j token buckets kept in
 * Redis (shared by every instance, atomic compare-and-swap). Every attempt takes a token from both
 * buckets before the password is checked, so parallel guesses cannot slip past; a successful attempt
 * gives them back. An empty bucket is a 429 with {@code Retry-After}.
 * <p>
 * When Redis cannot be reached the throttle lets the attempt through (logged and counted): logins
 * stay available, and BCrypt still makes each guess expensive.
 */
@Component
public class LoginThrottle implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(LoginThrottle.class);
    private static final String PREFIX = "user-service:login-throttle:";

    private final LoginThrottleProperties properties;
    private final LettuceConnectionFactory connectionFactory;
    private final UserMetrics metrics;
    private final BucketConfiguration accountBuckets;
    private final BucketConfiguration addressBuckets;
    private volatile ProxyManager<byte[]> buckets;

    LoginThrottle(LoginThrottleProperties properties, LettuceConnectionFactory connectionFactory,
            UserMetrics metrics) {
        this.properties = properties;
        this.connectionFactory = connectionFactory;
        this.metrics = metrics;
        this.accountBuckets = configuration(properties.accountMaxFailures(), properties.accountWindow());
        this.addressBuckets = configuration(properties.addressMaxFailures(), properties.addressWindow());
    }

    private static BucketConfiguration configuration(int failures, Duration window) {
        return BucketConfiguration.builder()
                .addLimit(limit -> limit.capacity(failures).refillGreedy(failures, window))
                .build();
    }

    /**
     * Takes one attempt from the address's and the account's budgets.
     *
     * @throws TooManyAttemptsException when either budget is used up
     */
    public Attempt begin(String email, String clientAddress) {
        if (!properties.enabled()) {
            return Attempt.NONE;
        }
        try {
            BucketProxy address = bucket("address:" + clientAddress, addressBuckets);
            ConsumptionProbe addressProbe = address.tryConsumeAndReturnRemaining(1);
            if (!addressProbe.isConsumed()) {
                throw tooMany(addressProbe);
            }
            BucketProxy account = bucket("account:" + sha256(email.toLowerCase(Locale.ROOT)), accountBuckets);
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
            metrics.throttleUnavailable();
            log.warn("Login throttle unavailable, attempt let through: {}", ex.toString());
            return Attempt.NONE;
        }
    }

    private static TooManyAttemptsException tooMany(ConsumptionProbe probe) {
        return new TooManyAttemptsException("Too many failed sign-in attempts. Try again later.",
                Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }

    private BucketProxy bucket(String key, BucketConfiguration configuration) {
        Supplier<BucketConfiguration> supplier = () -> configuration;
        return proxyManager().getProxy((PREFIX + key).getBytes(StandardCharsets.UTF_8), supplier);
    }

    private ProxyManager<byte[]> proxyManager() {
        ProxyManager<byte[]> manager = buckets;
        if (manager == null) {
            synchronized (this) {
                manager = buckets;
                if (manager == null) {
                    // the Lettuce client Boot configured (host, port, password, TLS); Bucket4j opens its own connection
                    RedisClient client = (RedisClient) connectionFactory.getNativeClient();
                    manager = Bucket4jLettuce.casBasedBuilder(client)
                            .expirationAfterWrite(ExpirationAfterWriteStrategy
                                    .basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10)))
                            .build();
                    buckets = manager;
                }
            }
        }
        return manager;
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

    @Override
    public void destroy() {
        // the Lettuce client (and so Bucket4j's connection) is closed by the connection factory
        buckets = null;
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
