package com.smartlinkauto.user.overview;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.client.loadbalancer.LoadBalancerClient;
import org.springframework.cloud.client.loadbalancer.LoadBalancerRequestFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Service;
import org.springframework.web.client.RestClient;

import com.smartlinkauto.servicedefaults.Threads;
import com.smartlinkauto.servicedefaults.servicetoken.ServiceTokens;
import com.smartlinkauto.servicedefaults.servicetoken.ServiceUris;
import com.smartlinkauto.servicedefaults.web.CorrelationIdPropagation;
import com.smartlinkauto.user.account.AccountCounts;
import com.smartlinkauto.user.overview.AdminOverview.Part;
import com.smartlinkauto.user.overview.AdminOverview.PartStatus;
import com.smartlinkauto.user.overview.AdminOverview.UsersPart;
import com.smartlinkauto.user.overview.OverviewPart.Source;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedTimeLimiterMetrics;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Composes the admin overview from the services that own each figure, so that it always answers, and answers
 * within about {@code smartlink.users.overview.timeout}:
 * <ul>
 * <li>the cached parts come from Redis in one lookup ({@link OverviewCache}, a minute);</li>
 * <li>the missing ones are fetched from their sources all at once, each call behind its source's circuit breaker
 * and time limiter ({@code overview-accounts}, {@code overview-vehicle-service}, {@code overview-booking-service},
 * {@code overview-storage-controller-service}), on a small pool of its own. One call per source is in flight at a
 * time in this instance (single flight): a cold cache under fifty admins' dashboards costs each source one call;</li>
 * <li>a part whose source failed, was too slow or is shut off by its breaker is {@code UNAVAILABLE} with a short
 * reason, and is not cached; the other parts are served all the same (200, never a 500 or a hang).</li>
 * </ul>
 * The remote sources are called with user-service's own service token for each ({@link ServiceTokens}: minted here,
 * under the grants of {@code smartlink.users.service-clients.grants}), through discovery for a bare service name.
 * <p>
 * Metrics: {@code smartlink_overview_parts_total{part, outcome}} (outcome {@code available} or the reason as a slug:
 * {@code timeout}, {@code connection-refused}, {@code circuit-open}, {@code http-error}, {@code invalid-answer},
 * {@code no-instance}, {@code no-service-token}, {@code busy}, {@code database-error}, {@code unreachable}),
 * {@code smartlink_users_overview_seconds} (the whole composition), {@code smartlink_cache_requests_total} and
 * Resilience4j's {@code resilience4j_circuitbreaker_*} and {@code resilience4j_timelimiter_*}.
 */
@Service
public class AdminOverviewService implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(AdminOverviewService.class);

    /** Larger answers are not figures any source sends: refused as invalid. */
    static final int MAX_ANSWER_BYTES = 256 * 1024;

    /** What the overview waits beyond the time limit, for a scheduler that fell behind; never reached normally. */
    private static final Duration MARGIN = Duration.ofMillis(500);

    private static final List<OverviewPart> PARTS = List.of(OverviewPart.values());

    private final OverviewProperties properties;
    private final AccountCounts accounts;
    private final JsonMapper json;
    private final Clock clock;
    private final ThreadPoolExecutor executor;
    private final ScheduledExecutorService scheduler;
    private final CircuitBreakerRegistry breakers = CircuitBreakerRegistry.ofDefaults();
    private final TimeLimiterRegistry limiters = TimeLimiterRegistry.ofDefaults();
    private final Map<Source, CircuitBreaker> breakerOf = new EnumMap<>(Source.class);
    private final Map<Source, TimeLimiter> limiterOf = new EnumMap<>(Source.class);
    private final Map<Source, RestClient> clients = new EnumMap<>(Source.class);
    private final ConcurrentMap<Source, CompletableFuture<Map<OverviewPart, Part>>> inFlight = new ConcurrentHashMap<>();
    private final OverviewCache cache;
    private final MeterRegistry meters;
    private final Timer duration;

    AdminOverviewService(OverviewProperties properties, AccountCounts accounts, ServiceTokens tokens,
            StringRedisTemplate redis, JsonMapper json, Clock clock, MeterRegistry meters,
            ObjectProvider<LoadBalancerClient> loadBalancer, ObjectProvider<LoadBalancerRequestFactory> requestFactory) {
        this.properties = properties;
        this.accounts = accounts;
        this.json = json;
        this.clock = clock;
        this.meters = meters;
        // at most one call per source at a time (single flight), a little more while timed-out calls wind down
        this.executor = new ThreadPoolExecutor(16, 16, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(256),
                Threads.daemon("overview-"));
        this.executor.allowCoreThreadTimeOut(true);
        this.scheduler = Executors.newSingleThreadScheduledExecutor(Threads.daemon("overview-timer-"));

        TimeLimiterConfig limit = TimeLimiterConfig.custom().timeoutDuration(properties.timeout())
                .cancelRunningFuture(true).build();
        for (Source source : Source.values()) {
            breakerOf.put(source, breakers.circuitBreaker(source.breakerName(), breakerConfig()));
            limiterOf.put(source, limiters.timeLimiter(source.breakerName(), limit));
        }
        this.cache = new OverviewCache(redis, json, properties.cacheTtl(), properties.cacheLookup(), executor, scheduler,
                breakers.circuitBreaker(OverviewCache.BREAKER, OverviewCache.breakerConfig()), meters);
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(breakers).bindTo(meters);
        TaggedTimeLimiterMetrics.ofTimeLimiterRegistry(limiters).bindTo(meters);
        this.duration = Timer.builder("smartlink.users.overview").description("Composing the admin overview")
                .register(meters);

        // the JDK client: its own connection pool, no further dependency; the read time-out ends a call the
        // limiter gave up on
        JdkClientHttpRequestFactory http = new JdkClientHttpRequestFactory(HttpClient.newBuilder()
                .connectTimeout(properties.connectTimeout()).version(HttpClient.Version.HTTP_1_1).build());
        http.setReadTimeout(properties.timeout());
        clients.put(Source.VEHICLES, client(properties.vehiclesUrl(), Source.VEHICLES, http, tokens, loadBalancer,
                requestFactory));
        clients.put(Source.BOOKINGS, client(properties.bookingsUrl(), Source.BOOKINGS, http, tokens, loadBalancer,
                requestFactory));
        clients.put(Source.STORAGE, client(properties.storageUrl(), Source.STORAGE, http, tokens, loadBalancer,
                requestFactory));
    }

    private static RestClient client(URI baseUrl, Source source, JdkClientHttpRequestFactory http, ServiceTokens tokens,
            ObjectProvider<LoadBalancerClient> loadBalancer, ObjectProvider<LoadBalancerRequestFactory> requestFactory) {
        RestClient.Builder rest = RestClient.builder().baseUrl(baseUrl.toString()).requestFactory(http)
                .requestInterceptor(new CorrelationIdPropagation())
                .requestInterceptor(tokens.interceptor(source.id()));
        ServiceUris.loadBalancing(baseUrl, loadBalancer, requestFactory).ifPresent(rest::requestInterceptor);
        return rest.build();
    }

    /**
     * Opens when half of the last 10 calls (at least 5) failed or timed out; after 15 s lets 2 trial calls through.
     * While open, the overview reports the part at once ("circuit open") instead of waiting out the time limit.
     */
    static CircuitBreakerConfig breakerConfig() {
        return CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(10)
                .minimumNumberOfCalls(5)
                .failureRateThreshold(50)
                .waitDurationInOpenState(Duration.ofSeconds(15))
                .permittedNumberOfCallsInHalfOpenState(2)
                .slowCallDurationThreshold(Duration.ofDays(1))
                .build();
    }

    /** The overview now: every part served or reported unavailable; never throws for a source's failure. */
    public AdminOverview overview() {
        Timer.Sample sample = Timer.start(meters);
        try {
            return compose();
        }
        finally {
            sample.stop(duration);
        }
    }

    private AdminOverview compose() {
        Map<OverviewPart, Part> parts = new EnumMap<>(OverviewPart.class);
        Map<OverviewPart, Part> cached = cache.lookup(PARTS);
        parts.putAll(cached);
        long deadline = System.nanoTime() + properties.timeout().plus(MARGIN).toNanos();
        Map<Source, CompletableFuture<Map<OverviewPart, Part>>> loads = new EnumMap<>(Source.class);
        for (OverviewPart part : PARTS) {
            if (!cached.containsKey(part)) {
                loads.computeIfAbsent(part.source(), this::load);
            }
        }
        for (OverviewPart part : PARTS) {
            if (cached.containsKey(part)) {
                count(part, "available");
                continue;
            }
            Part answer = await(part, loads.get(part.source()), deadline);
            count(part, answer.status() == PartStatus.AVAILABLE ? "available" : slug(answer.reason()));
            parts.put(part, answer);
        }
        return new AdminOverview(clock.instant(), (AdminOverview.UsersPart) parts.get(OverviewPart.USERS),
                (AdminOverview.VehiclesPart) parts.get(OverviewPart.VEHICLES),
                (AdminOverview.BookingsPart) parts.get(OverviewPart.BOOKINGS),
                (AdminOverview.RevenuePart) parts.get(OverviewPart.REVENUE),
                (AdminOverview.StoragePart) parts.get(OverviewPart.STORAGE));
    }

    private static Part await(OverviewPart part, CompletableFuture<Map<OverviewPart, Part>> load, long deadline) {
        try {
            Part answer = load.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS).get(part);
            return answer != null ? answer : unavailable(part, "invalid answer");
        }
        catch (TimeoutException ex) {
            return unavailable(part, "timeout");
        }
        catch (ExecutionException ex) {
            return unavailable(part, reason(ex.getCause()));
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return unavailable(part, "timeout");
        }
    }

    /**
     * The source's parts, fetched once for every overview that needs them meanwhile: through the source's breaker
     * and time limiter; each part made from the answer (and cached) or, if the answer is not usable for it,
     * unavailable. Fails with the call's failure.
     */
    private CompletableFuture<Map<OverviewPart, Part>> load(Source source) {
        CompletableFuture<Map<OverviewPart, Part>> mine = new CompletableFuture<>();
        CompletableFuture<Map<OverviewPart, Part>> running = inFlight.putIfAbsent(source, mine);
        if (running != null) {
            return running;
        }
        CompletableFuture<Object> call;
        try {
            Supplier<Object> fetch = withCorrelation(() -> fetch(source));
            call = breakerOf.get(source).executeCompletionStage(() -> limiterOf.get(source).executeCompletionStage(
                    scheduler, () -> CompletableFuture.supplyAsync(fetch, executor))).toCompletableFuture();
        }
        catch (RuntimeException ex) {
            call = CompletableFuture.failedFuture(ex);
        }
        call.whenComplete((answer, failure) -> {
            if (failure != null) {
                inFlight.remove(source, mine);
                Throwable cause = unwrap(failure);
                if (cause instanceof CallNotPermittedException) {
                    log.debug("Admin overview: {} skipped, its circuit breaker is open", source.id());
                }
                else {
                    log.warn("Admin overview: {} unavailable ({}): {}", source.id(), reason(cause), cause.toString());
                }
                mine.completeExceptionally(cause);
                return;
            }
            Instant now = clock.instant();
            Map<OverviewPart, Part> parts = new EnumMap<>(OverviewPart.class);
            for (OverviewPart part : PARTS) {
                if (part.source() == source) {
                    parts.put(part, make(part, answer, now));
                }
            }
            // the waiting overviews first; then the cache, and only then is the flight over: an overview arriving
            // meanwhile still joins this one instead of missing a cache not written yet and calling again
            mine.complete(parts);
            try {
                parts.forEach(cache::store);
            }
            finally {
                inFlight.remove(source, mine);
            }
        });
        return mine;
    }

    /** One blocking call to the source (on the overview's pool). */
    private Object fetch(Source source) {
        return switch (source) {
            case ACCOUNTS -> accounts.count();
            case VEHICLES -> get(source, "/internal/vehicles/stats", SourceAnswers.VehicleStats.class);
            case BOOKINGS -> get(source, "/internal/overview", SourceAnswers.BookingOverview.class);
            case STORAGE -> get(source, "/internal/storage/stats", SourceAnswers.StorageStats.class);
        };
    }

    private <T> T get(Source source, String path, Class<T> type) {
        return clients.get(source).get().uri(path).accept(MediaType.APPLICATION_JSON).exchange((request, response) -> {
            int status = response.getStatusCode().value();
            if (status != 200) {
                throw new SourceAnswered(status);
            }
            byte[] body = response.getBody().readNBytes(MAX_ANSWER_BYTES + 1);
            if (body.length > MAX_ANSWER_BYTES) {
                throw new SourceAnswers.InvalidAnswer("answer larger than " + MAX_ANSWER_BYTES + " bytes");
            }
            return json.readValue(body, type);
        });
    }

    private static Part make(OverviewPart part, Object answer, Instant now) {
        try {
            return switch (part) {
                case USERS -> users((AccountCounts.Counts) answer);
                case VEHICLES -> ((SourceAnswers.VehicleStats) answer).part(now);
                case BOOKINGS -> ((SourceAnswers.BookingOverview) answer).bookings(now);
                case REVENUE -> ((SourceAnswers.BookingOverview) answer).revenue(now);
                case STORAGE -> ((SourceAnswers.StorageStats) answer).part(now);
            };
        }
        catch (SourceAnswers.InvalidAnswer | ClassCastException | NullPointerException ex) {
            log.warn("Admin overview: {} answered figures that cannot be used for {}: {}", part.source().id(),
                    part.key(), ex.getMessage());
            return unavailable(part, "invalid answer");
        }
    }

    private static UsersPart users(AccountCounts.Counts counts) {
        Map<String, Long> roles = new java.util.TreeMap<>();
        counts.byRole().forEach((role, n) -> roles.put(role.name(), n));
        Map<String, Long> verification = new java.util.TreeMap<>();
        counts.partnersByVerification().forEach((status, n) -> verification.put(status.name(), n));
        return new UsersPart(PartStatus.AVAILABLE, null, counts.asOf(), counts.total(), roles, verification,
                verification.getOrDefault("PENDING", 0L));
    }

    static Part unavailable(OverviewPart part, String reason) {
        return switch (part) {
            case USERS -> AdminOverview.UsersPart.unavailable(reason);
            case VEHICLES -> AdminOverview.VehiclesPart.unavailable(reason);
            case BOOKINGS -> AdminOverview.BookingsPart.unavailable(reason);
            case REVENUE -> AdminOverview.RevenuePart.unavailable(reason);
            case STORAGE -> AdminOverview.StoragePart.unavailable(reason);
        };
    }

    /** A source answered, but not 200. */
    static final class SourceAnswered extends RuntimeException {

        final int status;

        SourceAnswered(int status) {
            super("answered HTTP " + status);
            this.status = status;
        }
    }

    /** A short reason an admin can act on; never a message of the failure (no address, no internals). */
    static String reason(Throwable failure) {
        Throwable t = unwrap(failure);
        if (t instanceof TimeoutException) {
            return "timeout";
        }
        if (t instanceof CallNotPermittedException) {
            return "circuit open";
        }
        if (t instanceof SourceAnswered answered) {
            return "HTTP " + answered.status;
        }
        if (t instanceof RejectedExecutionException) {
            return "busy";
        }
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof SourceAnswers.InvalidAnswer || c instanceof JacksonException) {
                return "invalid answer";
            }
            if (c instanceof ConnectException) {
                return "connection refused";
            }
            if (c instanceof HttpTimeoutException || c instanceof SocketTimeoutException) {
                return "timeout";
            }
            if (c instanceof IOException && c.getMessage() != null && c.getMessage().startsWith("No service token")) {
                return "no service token";
            }
            if (c instanceof IllegalStateException && c.getMessage() != null
                    && c.getMessage().startsWith("No instances available")) {
                return "no instance";
            }
            if (c instanceof DataAccessException) {
                return "database error";
            }
        }
        return "unreachable";
    }

    /** The reason as a metric tag: {@code HTTP 503} → {@code http-error}, {@code circuit open} → {@code circuit-open}. */
    static String slug(String reason) {
        return reason.startsWith("HTTP ") ? "http-error" : reason.replace(' ', '-');
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private void count(OverviewPart part, String outcome) {
        Counter.builder("smartlink.overview.parts").description("Admin overview parts served, by outcome")
                .tag("part", part.key()).tag("outcome", outcome).register(meters).increment();
    }

    /** The caller's correlation id on the pool's thread, so the source's logs carry it. */
    private static <T> Supplier<T> withCorrelation(Supplier<T> task) {
        Map<String, String> context = MDC.getCopyOfContextMap();
        return () -> {
            Map<String, String> before = MDC.getCopyOfContextMap();
            if (context != null) {
                MDC.setContextMap(context);
            }
            try {
                return task.get();
            }
            finally {
                if (before != null) {
                    MDC.setContextMap(before);
                }
                else {
                    MDC.clear();
                }
            }
        };
    }

    /** The breakers (and the cache's), for tests and diagnostics. */
    CircuitBreakerRegistry breakers() {
        return breakers;
    }

    @Override
    public void destroy() {
        scheduler.shutdownNow();
        executor.shutdownNow();
    }
}
