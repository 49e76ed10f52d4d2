package com.smartlinkauto.e2e.fuzz;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

import com.smartlinkauto.e2e.Platform;
import com.smartlinkauto.e2e.fuzz.AccessPolicy.Access;
import com.smartlinkauto.e2e.fuzz.Finding.Kind;
import com.smartlinkauto.e2e.fuzz.Planner.Probe;

import io.github.bucket4j.Bucket;
import tools.jackson.databind.JsonNode;

/**
 * Sends the probes through the gateway and judges every answer. Pacing: a local token bucket (Bucket4j)
 * per client and route group keeps each client under the gateway's per-client limit; anonymous requests
 * come from a pool of loopback source addresses (the gateway keys anonymous clients by address), logins
 * from one address of their own and one at a time, within a budget of failures (user-service throttles
 * failed logins per address and per account). A 429 is waited out on the same bucket (never a sleep) and
 * the request sent again. A 5xx or a missing answer triggers a health check of the service behind it;
 * a service that went down is reported once and not sent further requests.
 */
final class Fuzzer {

    private static final int LARGE_REQUEST = 64 * 1024;

    private final Settings settings;
    private final Map<String, String> healthUrls;
    private final String host;
    private final int port;
    private final List<InetAddress> anonymousSources = new ArrayList<>();
    private InetAddress userSource;
    private InetAddress loginSource;
    private final AtomicInteger nextSource = new AtomicInteger();
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final Instant deadline;

    final ConcurrentLinkedQueue<Finding> findings = new ConcurrentLinkedQueue<>();
    final List<String> notes = Collections.synchronizedList(new ArrayList<>());
    final Map<String, AtomicInteger> statusCounts = new ConcurrentHashMap<>();
    final AtomicInteger sent = new AtomicInteger();
    final AtomicInteger retried429 = new AtomicInteger();
    final AtomicInteger skippedTime = new AtomicInteger();
    final AtomicInteger skippedLogin = new AtomicInteger();
    final AtomicInteger droppedLarge = new AtomicInteger();
    final Map<String, AtomicInteger> skippedDown = new ConcurrentHashMap<>();
    final Map<String, Instant> down = new ConcurrentHashMap<>();
    final List<String> baselineNotes = Collections.synchronizedList(new ArrayList<>());
    /** per service: requests in flight and recent failures, named when it goes down */
    private final Map<String, Map<Probe, Instant>> inFlight = new ConcurrentHashMap<>();
    private final Map<String, ConcurrentLinkedQueue<String>> recentErrors = new ConcurrentHashMap<>();
    private final AtomicInteger loginFailures = new AtomicInteger();
    private final Map<String, LongAdder[]> latency = new ConcurrentHashMap<>();
    private volatile boolean loginThrottled;
    final AtomicLong bytesSent = new AtomicLong();

    Fuzzer(Settings settings, Map<String, String> healthUrls) {
        this.settings = settings;
        this.healthUrls = healthUrls;
        URI gateway = URI.create(Platform.GATEWAY);
        this.host = gateway.getHost();
        this.port = gateway.getPort() < 0 ? 80 : gateway.getPort();
        this.deadline = Instant.now().plus(settings.timeBudget());
        chooseSources();
    }

    /** 127.0.0.101–116 for anonymous requests, .100 for signed-in ones, .66 for logins; the default where binding fails. */
    private void chooseSources() {
        if (!loopback(host)) {
            notes.add("the gateway is not on loopback: requests go from the default address");
            return;
        }
        try (Socket probe = new Socket()) {
            probe.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.101"), 0));
            for (int i = 101; i <= 116; i++) {
                anonymousSources.add(InetAddress.getByName("127.0.0." + i));
            }
            userSource = InetAddress.getByName("127.0.0.100");
            loginSource = InetAddress.getByName("127.0.0.66");
        }
        catch (Exception ex) {
            notes.add("cannot bind 127.0.0.x source addresses (" + ex + "): requests go from the default address");
        }
    }

    private static boolean loopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        }
        catch (Exception ex) {
            return false;
        }
    }

    /** Logins and password changes one at a time first, then the rest of each phase in parallel (shuffled so that clients interleave). */
    void run(List<Probe> probes) {
        // logins before password changes: the failure budget goes to the login first
        probes.stream().filter(Probe::throttled)
                .sorted(java.util.Comparator.comparingInt(p -> p.endpoint().equals("POST /api/auth/login") ? 0 : 1))
                .forEach(this::execute);
        ExecutorService pool = Executors.newFixedThreadPool(settings.threads());
        try {
            for (int phase = 1; phase <= 3; phase++) {
                List<Probe> batch = new ArrayList<>();
                for (Probe probe : probes) {
                    if (!probe.throttled() && probe.phase() == phase) {
                        batch.add(probe);
                    }
                }
                Collections.shuffle(batch, new Random(phase));
                List<Future<?>> futures = new ArrayList<>();
                for (Probe probe : batch) {
                    futures.add(pool.submit(() -> execute(probe)));
                }
                for (Future<?> future : futures) {
                    future.get();
                }
            }
        }
        catch (Exception ex) {
            if (ex instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("fuzz run aborted", ex);
        }
        finally {
            pool.shutdownNow();
        }
        for (Map.Entry<String, String> service : healthUrls.entrySet()) {
            if (!down.containsKey(service.getKey()) && !healthy(service.getValue())) {
                markDown(service.getKey(), "after the run");
            }
        }
    }

    private void execute(Probe probe) {
        if (Instant.now().isAfter(deadline)) {
            skippedTime.incrementAndGet();
            return;
        }
        if (probe.throttled() && (loginThrottled || loginFailures.get() >= settings.loginFailures())) {
            skippedLogin.incrementAndGet();
            return;
        }
        RawHttp.Request request = probe.request().get();
        String service = serviceOf(probe, request);
        if (down.containsKey(service)) {
            skippedDown.computeIfAbsent(service, s -> new AtomicInteger()).incrementAndGet();
            return;
        }
        InetAddress source = probe.throttled() ? loginSource
                : probe.identity().accessToken() != null ? userSource
                        : anonymousSources.isEmpty() ? null
                                : anonymousSources.get(Math.floorMod(nextSource.getAndIncrement(), anonymousSources.size()));
        Bucket bucket = bucket(probe, source);
        RawHttp.Response response = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            consume(bucket, 1);
            Map<Probe, Instant> flying = inFlight.computeIfAbsent(service, s -> new ConcurrentHashMap<>());
            flying.put(probe, Instant.now());
            try {
                response = RawHttp.send(source, host, port, request, Duration.ofSeconds(30));
            }
            finally {
                flying.remove(probe);
            }
            sent.incrementAndGet();
            bytesSent.addAndGet(request.size());
            long retryAfter = retryAfter(response);
            if (response.status() != 429 || retryAfter > 5) {
                break;
            }
            retried429.incrementAndGet();
            bucket.tryConsumeAsMuchAsPossible();
            consume(bucket, Math.max(1, retryAfter) * settings.ratePerClient());
        }
        statusCounts.computeIfAbsent(response.status() == 0 ? "none" : response.status() / 100 + "xx", k -> new AtomicInteger())
                .incrementAndGet();
        if (probe.throttled() && countsAgainstThrottle(response)) {
            loginFailures.incrementAndGet();
        }
        latency.computeIfAbsent(probe.endpoint(), k -> new LongAdder[] { new LongAdder(), new LongAdder() });
        latency.get(probe.endpoint())[0].add(response.millis());
        latency.get(probe.endpoint())[1].increment();
        if (probe.throttled() && response.status() == 429 && retryAfter(response) > 5) {
            loginThrottled = true;
            notes.add("login fuzzing stopped: the login throttle answered 429 (" + probe.label() + ")");
        }
        judge(probe, service, request, response);
    }

    /** Problem types of rejections that happen before user-service's throttle takes a token. */
    private static final Set<String> BEFORE_THROTTLE = Set.of("validation", "malformed-request", "unsupported-media-type",
            "not-acceptable", "method-not-allowed", "payload-too-large", "unauthorized", "forbidden", "not-found", "rate-limited");

    /** Whether a login or password-change answer may have spent a token of the login throttle (unknown: yes). */
    private static boolean countsAgainstThrottle(RawHttp.Response response) {
        int status = response.status();
        if ((status >= 200 && status < 300) || status == 429) {
            return false;
        }
        if (status >= 400 && status < 500) {
            if (!mediaType(response.contentType()).equals("application/problem+json")) {
                return false;
            }
            try {
                String type = Platform.JSON.readTree(response.bodyText()).path("type").asString("");
                return !BEFORE_THROTTLE.contains(type.substring(type.lastIndexOf('/') + 1));
            }
            catch (RuntimeException ex) {
                return true;
            }
        }
        return true;
    }

    /** Slowest endpoints by total time (where the run's minutes go). */
    List<String> slowest(int n) {
        return latency.entrySet().stream()
                .sorted((a, b) -> Long.compare(b.getValue()[0].sum(), a.getValue()[0].sum())).limit(n)
                .map(e -> e.getKey() + ": " + e.getValue()[1].sum() + " requests, " + e.getValue()[0].sum() / 1000 + " s in total")
                .toList();
    }

    private Bucket bucket(Probe probe, InetAddress source) {
        String client = probe.identity().accessToken() != null ? "user:" + probe.identity().label() + ":" + probe.identity().id()
                : "ip:" + source;
        String group = probe.op() == null ? "tricks" : routeGroup(probe.op().path(), probe.op().method());
        return buckets.computeIfAbsent(client + "|" + group, k -> Bucket.builder()
                .addLimit(limit -> limit.capacity(settings.ratePerClient())
                        .refillGreedy(settings.ratePerClient(), Duration.ofSeconds(1)))
                .build());
    }

    /** The gateway limits per route: approximated by the first two path segments and read/write. */
    private static String routeGroup(String path, String method) {
        String[] segments = path.split("/");
        String prefix = segments.length > 2 ? segments[1] + "/" + segments[2] : path;
        return prefix + (method.equals("GET") || method.equals("HEAD") ? ":read" : ":write");
    }

    private void consume(Bucket bucket, long tokens) {
        try {
            long left = tokens;
            while (left > 0) {
                long now = Math.min(left, settings.ratePerClient());
                bucket.asBlocking().consume(now);
                left -= now;
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    private static long retryAfter(RawHttp.Response response) {
        String value = response.header("Retry-After");
        if (value == null) {
            return 1;
        }
        try {
            return Long.parseLong(value.trim());
        }
        catch (NumberFormatException ex) {
            return 60;
        }
    }

    private void judge(Probe probe, String service, RawHttp.Request request, RawHttp.Response response) {
        int status = response.status();
        String type = response.contentType();
        if (status == 0 && request.size() >= LARGE_REQUEST) {
            droppedLarge.incrementAndGet();
            return;
        }
        if (status == 0 || status == 502 || status == 503 || status == 504) {
            // the service behind may have died: its later failures are one finding, not hundreds
            ConcurrentLinkedQueue<String> recent = recentErrors.computeIfAbsent(service, k -> new ConcurrentLinkedQueue<>());
            recent.add(probe.endpoint() + " as " + probe.role() + " " + probe.label() + " → " + (status == 0 ? response.error() : status));
            while (recent.size() > 30) {
                recent.poll();
            }
            if (down.containsKey(service) || !checkHealth(service, probe)) {
                skippedDown.computeIfAbsent(service, k -> new AtomicInteger()).incrementAndGet();
                return;
            }
        }
        if (status == 0) {
            add(probe, request, response, Kind.NO_RESPONSE, response.error());
            return;
        }
        if (probe.baseline() && probe.access().allows(probe.role()) && (status < 200 || status >= 300) && status < 500) {
            baselineNotes.add(probe.endpoint() + " as " + probe.role() + ": valid request answered " + status + " "
                    + Finding.snippet(response.body()));
        }
        if (status >= 500) {
            add(probe, request, response, Kind.SERVER_ERROR, null);
            if (status < 502 || status > 504) {
                ConcurrentLinkedQueue<String> recent = recentErrors.computeIfAbsent(service, k -> new ConcurrentLinkedQueue<>());
                recent.add(probe.endpoint() + " as " + probe.role() + " " + probe.label() + " → " + status);
                while (recent.size() > 30) {
                    recent.poll();
                }
                checkHealth(service, probe);
            }
        }
        if (status >= 400 && !request.method().equals("HEAD")) {
            if (!mediaType(type).equals("application/problem+json")) {
                add(probe, request, response, Kind.NOT_PROBLEM_JSON, response.header("X-Request-Id") == null
                        ? "no X-Request-Id: rejected before the gateway's own filters" : null);
            }
            else {
                String problem = problemDefect(response, status);
                if (problem != null) {
                    add(probe, request, response, Kind.BAD_PROBLEM_BODY, problem);
                }
            }
        }
        if (status >= 200 && status < 300 && !probe.access().allows(probe.role())) {
            add(probe, request, response, Kind.UNAUTHORISED_2XX, "allowed: " + probe.access());
        }
        if (probe.access() == Access.NOT_ROUTED && probe.baseline() && status != 404 && (status < 200 || status >= 300)) {
            add(probe, request, response, Kind.INTERNAL_ROUTED, "expected 404");
        }
    }

    private static String mediaType(String contentType) {
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }

    /** null when the problem body has the stable type and the response's status, else what is wrong. */
    private static String problemDefect(RawHttp.Response response, int status) {
        try {
            JsonNode problem = Platform.JSON.readTree(response.bodyText());
            String type = problem.path("type").asString("");
            if (!type.startsWith("https://smartlinkauto.com/problems/")) {
                return "type " + (type.isEmpty() ? "missing" : type);
            }
            if (problem.path("status").asInt(-1) != status) {
                return "status " + problem.path("status") + " in the body";
            }
            return null;
        }
        catch (RuntimeException ex) {
            return "body is not JSON";
        }
    }

    private void add(Probe probe, RawHttp.Request request, RawHttp.Response response, Kind kind, String detail) {
        String value = probe.field().equals("-") || probe.label().startsWith(probe.field()) ? probe.label()
                : probe.field() + ": " + probe.label();
        findings.add(new Finding(kind, probe.service(), probe.endpoint(), probe.role(), probe.field(), value,
                response.status(), response.contentType(), Finding.snippet(response.body()),
                Finding.curl(Platform.GATEWAY, request, probe.role()), detail));
    }

    /** The service whose death a failure may mean: a gateway trick's is the one its path prefix routes to. */
    private static String serviceOf(Probe probe, RawHttp.Request request) {
        return probe.op() == null ? GatewayTricks.serviceFor(request.target()) : probe.service();
    }

    /** @return whether the service is (still) up; false marks it down */
    private boolean checkHealth(String service, Probe probe) {
        String url = healthUrls.get(service);
        if (url == null) {
            return true;
        }
        if (down.containsKey(service)) {
            return false;
        }
        synchronized (url.intern()) {
            if (down.containsKey(service)) {
                return false;
            }
            try {
                Awaitility.await().atMost(Duration.ofSeconds(4)).pollInterval(Duration.ofMillis(400))
                        .until(() -> healthy(url));
                return true;
            }
            catch (ConditionTimeoutException ex) {
                markDown(service, "after " + probe.endpoint() + " as " + probe.role() + ": " + probe.label());
                return false;
            }
        }
    }

    private void markDown(String service, String when) {
        down.put(service, Instant.now());
        List<String> suspects = new ArrayList<>();
        inFlight.getOrDefault(service, Map.of()).keySet()
                .forEach(p -> suspects.add("in flight: " + p.endpoint() + " as " + p.role() + " " + p.label()));
        recentErrors.getOrDefault(service, new ConcurrentLinkedQueue<>()).forEach(e -> suspects.add("failed: " + e));
        findings.add(new Finding(Kind.SERVICE_DOWN, service, "(service)", AccessPolicy.Role.ANONYMOUS, "-",
                service + " stopped answering its health check " + when, 0, "", "", "",
                suspects.isEmpty() ? null : "requests in flight or failed just before: " + String.join("; ", suspects)));
    }

    private static boolean healthy(String url) {
        try {
            HttpResponse<String> health = Platform.HTTP.send(HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.ofString());
            return health.statusCode() == 200;
        }
        catch (Exception ex) {
            if (ex instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return false;
        }
    }

    long loginFailures() {
        return loginFailures.get();
    }

    static long elapsed(Instant started) {
        return TimeUnit.NANOSECONDS.toSeconds(Duration.between(started, Instant.now()).toNanos());
    }
}
