package com.smartlinkauto.gateway.revocation;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.web.server.ResponseStatusException;

import com.smartlinkauto.gateway.web.RequestIdLogging;
import com.smartlinkauto.servicedefaults.revocation.RevokedAccessTokens;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Mono;

/**
 * A token that decodes and validates is also looked up in the deny list user-service writes on logout,
 * refresh and password change ({@link RevokedAccessTokens}): a revoked one is a {@link BadJwtException},
 * which Spring Security answers with the gateway's 401 problem+json like any other invalid token.
 * <p>
 * Redis unreachable or slower than {@code smartlink.gateway.token-revocation.timeout}: by default the token
 * is accepted (it is valid in every other respect and expires within the access-token lifetime, 15 min; the
 * API stays up without Redis), counted in {@code smartlink_gateway_token_revocation_unchecked_total};
 * with {@code when-unavailable: REFUSE} the request is answered 503 instead.
 */
public class RevocationCheckingJwtDecoder implements ReactiveJwtDecoder {

    private static final Logger log = LoggerFactory.getLogger(RevocationCheckingJwtDecoder.class);

    private final ReactiveJwtDecoder delegate;
    private final ReactiveStringRedisTemplate redis;
    private final TokenRevocationProperties properties;
    private final Counter revoked;
    private final Counter uncheckedAllowed;
    private final Counter uncheckedRefused;

    RevocationCheckingJwtDecoder(ReactiveJwtDecoder delegate, ReactiveStringRedisTemplate redis,
            TokenRevocationProperties properties, MeterRegistry meters) {
        this.delegate = delegate;
        this.redis = redis;
        this.properties = properties;
        this.revoked = Counter.builder("smartlink.gateway.revoked.tokens")
                .description("Requests refused because their access token was revoked").register(meters);
        this.uncheckedAllowed = Counter.builder("smartlink.gateway.token.revocation.unchecked")
                .description("Tokens the deny list could not be asked about").tag("outcome", "allowed")
                .register(meters);
        this.uncheckedRefused = Counter.builder("smartlink.gateway.token.revocation.unchecked")
                .description("Tokens the deny list could not be asked about").tag("outcome", "refused")
                .register(meters);
    }

    @Override
    public Mono<Jwt> decode(String token) {
        Mono<Jwt> decoded = delegate.decode(token);
        if (!properties.enabled()) {
            return decoded;
        }
        return decoded.flatMap(this::notRevoked);
    }

    private Mono<Jwt> notRevoked(Jwt jwt) {
        String jti = jwt.getId();
        if (!RevokedAccessTokens.isValidJti(jti)) {
            return Mono.error(new BadJwtException("The token has no usable jti"));
        }
        return redis.hasKey(RevokedAccessTokens.key(jti))
                .timeout(properties.timeout())
                .map(Boolean.TRUE::equals)
                .onErrorResume(ex -> unchecked(ex).thenReturn(false))
                .flatMap(isRevoked -> {
                    if (isRevoked) {
                        revoked.increment();
                        return Mono.error(new BadJwtException("The token has been revoked"));
                    }
                    return Mono.just(jwt);
                });
    }

    private Mono<Void> unchecked(Throwable ex) {
        if (properties.whenUnavailable() == TokenRevocationProperties.WhenUnavailable.REFUSE) {
            uncheckedRefused.increment();
            return RequestIdLogging.log(() -> log.warn("Token deny list unavailable, request refused: {}",
                    ex.toString()), () -> Mono.error(new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE,
                            "Tokens cannot be checked right now. Try again shortly.")));
        }
        uncheckedAllowed.increment();
        return RequestIdLogging.log(() -> log.warn("Token deny list unavailable, token accepted unchecked: {}",
                ex.toString()), Mono::empty);
    }
}
