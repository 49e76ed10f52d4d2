package com.smartlinkauto.servicedefaults.security;

import java.time.Duration;
import java.time.Instant;

import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

/**
 * Bearer tokens this service has already verified. A client sends the same access token with every request for
 * the token's lifetime, and a full decode (base64 and JSON parse, JWK to public-key conversion, the RS256
 * signature check) cost about 12 % of vehicle-service's CPU and 7 % of booking-service's in the booking benchmark
 * (JFR, bench/booking.sh); with this cache it costs one decode per token and one map lookup per request.
 * <p>
 * What keeps it as strict as decoding every time:
 * <ul>
 * <li>the key is the exact token text: a token that differs in one byte (a forged signature, an edited claim) is
 * another key, never served from the cache, and goes through the full decode;</li>
 * <li>only tokens the delegate accepted are stored; a failure is never cached;</li>
 * <li>every hit runs the decoder's validators again (expiry and not-before with their clock skew, issuer, audience
 * and claim rules), so a cached token is accepted exactly as long as a fresh decode would accept it; a hit that no
 * longer validates is dropped and decoded again, which answers with the real error;</li>
 * <li>an entry lives until the token's {@code exp}, and at most {@link #MAX_TTL} (the time a resource server keeps
 * user-service's JWKS anyway, so a signing key withdrawn from the JWKS stops being trusted no later than it did
 * before); bounded in entries ({@code maximumSize}, least recently used out first), and tokens longer than
 * {@link #MAX_TOKEN_LENGTH} characters are not kept at all.</li>
 * </ul>
 * Revocation (the gateway's deny list) is a separate check that still runs on every request.
 */
public final class VerifiedJwtCache {

    /** The longest an entry lives, whatever the token's expiry. */
    public static final Duration MAX_TTL = Duration.ofMinutes(5);

    /** Tokens longer than this are verified every time, never kept. */
    public static final int MAX_TOKEN_LENGTH = 8192;

    private final Cache<String, Jwt> cache;
    private final OAuth2TokenValidator<Jwt> validator;
    private final boolean enabled;

    /**
     * @param validator   the validators the delegate decoder applies (re-run on every hit)
     * @param maximumSize how many tokens to keep; 0 keeps none (every request decodes)
     */
    public VerifiedJwtCache(OAuth2TokenValidator<Jwt> validator, long maximumSize) {
        if (maximumSize < 0) {
            throw new IllegalArgumentException("maximumSize must be >= 0");
        }
        this.validator = validator;
        // Caffeine evicts over the bound asynchronously: size 0 would still serve an entry for a moment
        this.enabled = maximumSize > 0;
        this.cache = Caffeine.newBuilder().maximumSize(maximumSize).expireAfter(new UntilExpiry()).recordStats()
                .build();
    }

    /** The verified token, validated again now; null when it is not kept or no longer valid (decode it then). */
    public Jwt get(String token) {
        if (!enabled || token == null || token.length() > MAX_TOKEN_LENGTH) {
            return null;
        }
        Jwt jwt = cache.getIfPresent(token);
        if (jwt == null) {
            return null;
        }
        if (validator.validate(jwt).hasErrors()) {
            cache.invalidate(token);
            return null;
        }
        return jwt;
    }

    /** Keeps a token the delegate decoder has just accepted. */
    public void put(String token, Jwt jwt) {
        if (enabled && token != null && jwt != null && token.length() <= MAX_TOKEN_LENGTH) {
            cache.put(token, jwt);
        }
    }

    /** {@code delegate} with this cache in front of it; the delegate must apply the same validators. */
    public JwtDecoder caching(JwtDecoder delegate) {
        if (!enabled) {
            return delegate;
        }
        return token -> {
            Jwt hit = get(token);
            if (hit != null) {
                return hit;
            }
            Jwt jwt = delegate.decode(token);
            put(token, jwt);
            return jwt;
        };
    }

    /** The Caffeine cache, for metrics ({@code CaffeineCacheMetrics}). */
    public Cache<String, Jwt> cache() {
        return cache;
    }

    /** Until the token's expiry, at most {@link #MAX_TTL}; a token without {@code exp} for {@link #MAX_TTL}. */
    private static final class UntilExpiry implements Expiry<String, Jwt> {

        @Override
        public long expireAfterCreate(String key, Jwt jwt, long currentTime) {
            return ttl(jwt).toNanos();
        }

        @Override
        public long expireAfterUpdate(String key, Jwt jwt, long currentTime, long currentDuration) {
            return ttl(jwt).toNanos();
        }

        @Override
        public long expireAfterRead(String key, Jwt jwt, long currentTime, long currentDuration) {
            return currentDuration;
        }

        private static Duration ttl(Jwt jwt) {
            Instant expiresAt = jwt.getExpiresAt();
            if (expiresAt == null) {
                return MAX_TTL;
            }
            Duration left = Duration.between(Instant.now(), expiresAt);
            if (left.isNegative()) {
                return Duration.ZERO;
            }
            return left.compareTo(MAX_TTL) < 0 ? left : MAX_TTL;
        }
    }
}
