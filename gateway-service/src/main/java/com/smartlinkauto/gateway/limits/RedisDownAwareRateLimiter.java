package com.smartlinkauto.gateway.limits;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.support.ConfigurationService;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

import com.smartlinkauto.gateway.web.RequestIdLogging;

import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Mono;

/**
 * Spring Cloud Gateway's Redis token bucket, with a decision per route for when Redis cannot be asked.
 * <p>
 * {@link RedisRateLimiter} lets every request through when its Redis call fails, reporting
 * {@code X-RateLimit-Remaining: -1} (a real answer is never negative). That stays the behaviour of most
 * routes (fail open: the API stays up, services keep their own limits). A route whose metadata has
 * {@value #FAIL_CLOSED_METADATA}{@code : true} (sign-in, sign-up, token refresh: the routes whose abuse
 * costs BCrypt work or guesses passwords) is refused instead: the request is marked with
 * {@value #UNAVAILABLE_HEADER}, and {@code ErrorBodyWebFilter} answers 503 problem+json with
 * {@code Retry-After}; nothing reaches the service.
 * <p>
 * Replaces the auto-configured {@code RedisRateLimiter} bean (which is {@code @ConditionalOnMissingBean}),
 * so the route configuration ({@code redis-rate-limiter.*} arguments) is unchanged.
 */
@Component
public class RedisDownAwareRateLimiter extends RedisRateLimiter {

    private static final Logger log = LoggerFactory.getLogger(RedisDownAwareRateLimiter.class);

    /** Route metadata: refuse requests (503) while the limiter's Redis is unreachable. */
    public static final String FAIL_CLOSED_METADATA = "rate-limiter-fail-closed";

    /** Set on a refusal for ErrorBodyWebFilter (which removes it again): the limiter could not be asked. */
    public static final String UNAVAILABLE_HEADER = "X-SmartLink-RateLimiter-Unavailable";

    private final ObjectProvider<RouteLocator> routes;
    private final MeterRegistry meters;

    RedisDownAwareRateLimiter(ReactiveStringRedisTemplate redisTemplate,
            @Qualifier(RedisRateLimiter.REDIS_SCRIPT_NAME) RedisScript<List<Long>> script,
            ConfigurationService configurationService, ObjectProvider<RouteLocator> routes, MeterRegistry meters) {
        super(redisTemplate, script, configurationService);
        this.routes = routes;
        this.meters = meters;
    }

    @Override
    public Mono<Response> isAllowed(String routeId, String id) {
        return super.isAllowed(routeId, id).flatMap(response -> {
            if (!"-1".equals(response.getHeaders().get(getRemainingHeader()))) {
                return Mono.just(response);
            }
            return failsClosed(routeId).flatMap(closed -> {
                meters.counter("smartlink.gateway.rate.limiter.unavailable", "route", routeId, "outcome",
                        closed ? "refused" : "allowed").increment();
                if (!closed) {
                    return Mono.just(response);
                }
                Map<String, String> headers = new HashMap<>(response.getHeaders());
                headers.put(UNAVAILABLE_HEADER, "true");
                return RequestIdLogging.log(
                        () -> log.warn("Rate limiter unavailable: request on fail-closed route {} refused", routeId),
                        () -> Mono.just(new Response(false, headers)));
            });
        });
    }

    /** Whether the route is marked fail-closed; asked only when Redis has failed. */
    Mono<Boolean> failsClosed(String routeId) {
        RouteLocator locator = routes.getIfAvailable();
        if (locator == null) {
            return Mono.just(false);
        }
        return locator.getRoutes().filter(route -> route.getId().equals(routeId)).next()
                .map(RedisDownAwareRateLimiter::failsClosed).defaultIfEmpty(false);
    }

    static boolean failsClosed(Route route) {
        Object flag = route.getMetadata().get(FAIL_CLOSED_METADATA);
        return flag != null && Boolean.parseBoolean(flag.toString());
    }
}
