import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The load generator of bench/booking.sh (issue #12): holds through the gateway by renters who log in first.
 * Run as a single-file program: {@code java bench/booking/BookingLoad.java key=value ...}.
 * <p>
 * Phases, in this order:
 * <ol>
 * <li>login: every renter of {@code renters} (one e-mail per line; the one password in {@code password-file})
 * logs in through the gateway ({@code login-threads} at a time: BCrypt work); any failure ends the run.</li>
 * <li>JIT warm-up ({@code warmup} s, not a result): {@code clients} clients alternating an uncontended hold and
 * {@code GET /api/users/me}.</li>
 * <li>FLASH: {@code flash} renters (distinct tokens, distinct Idempotency-Keys) released at once on one vehicle
 * and one range; statuses, p50/p99/max from the release.</li>
 * <li>HOLDS: {@code clients} clients, closed loop, {@code seconds} s, each hold on the next of the
 * {@code vehicles} (file, one id per line) in turn, on a slot nobody else asks for (1 day, slots 2 days
 * apart): no conflict is possible, so holds/s is the engine's uncontended rate.</li>
 * <li>ME: the same clients, {@code seconds} s of {@code GET /api/users/me} with their tokens: the rate of a
 * plain authenticated read through the same gateway, the yardstick of the HOLDS rate.</li>
 * <li>HOT: the same clients, {@code hot-seconds} s, all retrying one vehicle with 2-day ranges that start
 * within one hour of each other (every attempt overlaps every other); after a 423 a client tries again at
 * once (it does not honour Retry-After: the point is the rejection rate).</li>
 * </ol>
 * Per phase: statuses, requests/s, latency p50/p99/max as the client sees it, CPU per process from /proc (in %
 * of one core; {@code pids} = name=pid,...; every process named "postgres" is summed) and, from each booking
 * instance's Prometheus endpoint ({@code metrics} = name=url,...), its {@code smartlink_bookings_holds_total}
 * deltas by outcome. The last lines are {@code RESULT phase=...} for the script. Exit status 2 when a
 * precondition fails (a login, the vehicle list); the verdict on the figures is the script's.
 */
public class BookingLoad {

    static final Map<String, String> ARGS = new LinkedHashMap<>();
    static final Pattern ACCESS_TOKEN = Pattern.compile("\"accessToken\"\\s*:\\s*\"([^\"]+)\"");
    static final Pattern HOLDS_SAMPLE = Pattern.compile(
            "^smartlink_bookings_holds_total\\{[^}]*outcome=\"([a-z_]+)\"[^}]*}\\s+(\\S+)", Pattern.MULTILINE);
    static final long SLOT_HOURS = 48;   // uncontended holds: 1 day long, 2 days apart (turnaround fits between)

    static HttpClient http;
    static String gateway;

    public static void main(String[] args) throws Exception {
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq < 1) {
                throw new IllegalArgumentException("arguments are key=value: " + arg);
            }
            ARGS.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        gateway = arg("gateway", "http://127.0.0.1:8080");
        int clients = Integer.parseInt(arg("clients", "50"));
        int flash = Integer.parseInt(arg("flash", "500"));
        int seconds = Integer.parseInt(arg("seconds", "30"));
        int hotSeconds = Integer.parseInt(arg("hot-seconds", "30"));
        int warmup = Integer.parseInt(arg("warmup", "15"));
        int loginThreads = Integer.parseInt(arg("login-threads", "6"));
        List<String> emails = lines(arg("renters", ""));
        String password = Files.readString(Path.of(arg("password-file", ""))).strip();
        List<String> vehicles = lines(arg("vehicles", ""));
        String flashVehicle = arg("flash-vehicle", "");
        String hotVehicle = arg("hot-vehicle", "");
        Map<String, Long> pids = pairs(arg("pids", ""), Long::parseLong);
        pids.put("load generator", ProcessHandle.current().pid());
        Map<String, String> metrics = pairs(arg("metrics", ""), s -> s);
        int renters = Math.max(flash, clients);
        if (emails.size() < renters || vehicles.isEmpty() || flashVehicle.isEmpty() || hotVehicle.isEmpty()) {
            System.err.printf("need %d renters (got %d), vehicles (got %d), flash-vehicle and hot-vehicle%n", renters,
                    emails.size(), vehicles.size());
            System.exit(2);
        }

        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
                .build();
        // every range starts at midnight UTC two days ahead (the pickup must be >= 1 h ahead, on a whole minute)
        Instant day0 = Instant.now().truncatedTo(ChronoUnit.DAYS).plus(2, ChronoUnit.DAYS);

        // --- login ---
        long t0 = System.nanoTime();
        String[] tokens = login(emails.subList(0, renters), password, loginThreads);
        System.out.printf(Locale.ROOT, "   login: %d renters through the gateway in %.1f s (%d at a time)%n", renters,
                (System.nanoTime() - t0) / 1e9, loginThreads);

        // --- uncontended holds: request n takes vehicle n mod V, slot n div V (1 day each, 2 days apart from
        // day0 + 30 d, within the 730 days a pickup may lie ahead) ---
        AtomicLong uncontended = new AtomicLong();
        long slots = (700 * 24 - 30 * 24) / SLOT_HOURS;
        long capacity = slots * vehicles.size();
        Request hold = (client, n) -> {
            long k = uncontended.getAndIncrement();
            if (k >= capacity) {
                return null;
            }
            Instant pickup = day0.plus(30, ChronoUnit.DAYS).plus(k / vehicles.size() * SLOT_HOURS, ChronoUnit.HOURS);
            return holdRequest(tokens[client], vehicles.get((int) (k % vehicles.size())), pickup,
                    pickup.plus(1, ChronoUnit.DAYS));
        };
        Request me = (client, n) -> HttpRequest.newBuilder(URI.create(gateway + "/api/users/me"))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + tokens[client])
                .header("Accept", "application/json").GET().build();

        List<Stats> results = new ArrayList<>();
        if (warmup > 0) {
            Stats w = closedLoop("JIT warm-up", clients, warmup, (client, n) -> n % 2 == 0 ? hold.next(client, n)
                    : me.next(client, n), pids, metrics);
            w.print();
            results.add(w);
        }

        // --- (a) flash sale ---
        Instant flashPickup = day0.plus(10, ChronoUnit.DAYS);
        Stats flashStats = burst("FLASH", flash, client -> holdRequest(tokens[client], flashVehicle, flashPickup,
                flashPickup.plus(3, ChronoUnit.DAYS)), pids, metrics);
        flashStats.print();
        results.add(flashStats);

        // --- (b) uncontended holds, then the authenticated read ---
        Stats holds = closedLoop("HOLDS", clients, seconds, hold, pids, metrics);
        holds.print();
        results.add(holds);
        Stats reads = closedLoop("ME", clients, seconds, me, pids, metrics);
        reads.print();
        results.add(reads);

        // --- (c) hot vehicle ---
        Instant hotStart = day0.plus(20, ChronoUnit.DAYS);
        Stats hot = closedLoop("HOT", clients, hotSeconds, (client, n) -> {
            Instant pickup = hotStart.plus(ThreadLocalRandom.current().nextInt(60), ChronoUnit.MINUTES);
            return holdRequest(tokens[client], hotVehicle, pickup, pickup.plus(2, ChronoUnit.DAYS));
        }, pids, metrics);
        hot.print();
        results.add(hot);

        System.out.println();
        for (Stats s : results) {
            s.cpu();
        }
        System.out.println();
        for (Stats s : results) {
            s.instances();
        }
        System.out.println();
        for (Stats s : results) {
            System.out.printf(Locale.ROOT,
                    "RESULT phase=%s requests=%d seconds=%.2f rps=%.1f ok=%d ok_rps=%.1f s201=%d s200=%d s409=%d s423=%d "
                            + "s4xx_other=%d s5xx=%d io_errors=%d rejected_rps=%.1f p50_ms=%.1f p99_ms=%.1f max_ms=%.1f%n",
                    s.key(), s.requests(), s.seconds, s.requests() / s.seconds, s.ok(200, 201),
                    s.ok(200, 201) / s.seconds, s.count(201), s.count(200), s.count(409), s.count(423), s.otherClientErrors(),
                    s.serverErrors(), s.ioErrors(), (s.count(409) + s.count(423)) / s.seconds, s.percentileMs(50),
                    s.percentileMs(99), s.maxMs());
        }
    }

    interface Request {
        /** The next request of {@code client} (its {@code n}-th), or null when there is none left. */
        HttpRequest next(int client, long n);
    }

    static HttpRequest holdRequest(String token, String vehicleId, Instant pickup, Instant returnAt) {
        String body = "{\"vehicleId\":\"" + vehicleId + "\",\"pickupAt\":\"" + pickup + "\",\"returnAt\":\"" + returnAt
                + "\"}";
        return HttpRequest.newBuilder(URI.create(gateway + "/api/bookings")).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .header("Accept", "application/json").header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    /** Logs every renter in, {@code threads} at a time; exits (2) on the first failure. */
    static String[] login(List<String> emails, String password, int threads) throws InterruptedException {
        String[] tokens = new String[emails.size()];
        AtomicInteger next = new AtomicInteger();
        Map<String, Long> failures = new ConcurrentHashMap<>();
        Thread[] workers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            workers[t] = new Thread(() -> {
                for (int i; failures.isEmpty() && (i = next.getAndIncrement()) < emails.size();) {
                    String body = "{\"email\":\"" + emails.get(i) + "\",\"password\":\"" + json(password) + "\"}";
                    HttpRequest request = HttpRequest.newBuilder(URI.create(gateway + "/api/auth/login"))
                            .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build();
                    try {
                        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                        Matcher m = ACCESS_TOKEN.matcher(response.body());
                        if (response.statusCode() != 200 || !m.find()) {
                            // the body is a problem+json (never the password); the e-mail is the bench's own
                            failures.merge("HTTP " + response.statusCode() + " for " + emails.get(i) + ": "
                                    + response.body(), 1L, Long::sum);
                        }
                        else {
                            tokens[i] = m.group(1);
                        }
                    }
                    catch (IOException ex) {
                        failures.merge(ex.getClass().getSimpleName() + " " + ex.getMessage(), 1L, Long::sum);
                    }
                    catch (InterruptedException ex) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }, "login-" + t);
            workers[t].start();
        }
        for (Thread w : workers) {
            w.join();
        }
        if (!failures.isEmpty()) {
            System.err.println("login failed: " + failures);
            System.exit(2);
        }
        return tokens;
    }

    /** {@code clients} threads sending {@code next} back to back until {@code seconds} passed. */
    static Stats closedLoop(String phase, int clients, int seconds, Request next, Map<String, Long> pids,
            Map<String, String> metrics) throws InterruptedException {
        Stats stats = new Stats(phase, pids, metrics);
        long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        CountDownLatch done = new CountDownLatch(clients);
        for (int c = 0; c < clients; c++) {
            int client = c;
            Thread thread = new Thread(() -> {
                long[] mine = new long[1024];
                int n = 0;
                try {
                    while (System.nanoTime() < deadline) {
                        HttpRequest request = next.next(client, n);
                        if (request == null) {
                            break;
                        }
                        if (n == mine.length) {
                            mine = Arrays.copyOf(mine, n * 2);
                        }
                        mine[n++] = stats.send(request);
                    }
                }
                finally {
                    stats.add(mine, n);
                    done.countDown();
                }
            }, "client-" + c);
            thread.setDaemon(true);
            thread.start();
        }
        done.await();
        stats.end();
        return stats;
    }

    /** {@code count} requests released together (each on its own thread, its own connection). */
    static Stats burst(String phase, int count, java.util.function.IntFunction<HttpRequest> request,
            Map<String, Long> pids, Map<String, String> metrics) throws InterruptedException {
        HttpRequest[] requests = new HttpRequest[count];
        for (int i = 0; i < count; i++) {
            requests[i] = request.apply(i);
        }
        CountDownLatch ready = new CountDownLatch(count);
        CountDownLatch go = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(count);
        Stats[] stats = new Stats[1];   // made once every thread waits (its snapshots exclude their start-up)
        for (int i = 0; i < count; i++) {
            HttpRequest r = requests[i];
            Thread thread = new Thread(() -> {
                ready.countDown();
                try {
                    go.await();
                    stats[0].add(new long[] { stats[0].send(r) }, 1);
                }
                catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
                finally {
                    done.countDown();
                }
            }, "burst-" + i);
            thread.setDaemon(true);
            thread.start();
        }
        ready.await();
        stats[0] = new Stats(phase, pids, metrics);
        go.countDown();
        done.await();
        stats[0].end();
        return stats[0];
    }

    /** One phase: statuses, latencies and the snapshots around it. */
    static final class Stats {
        final String phase;
        final Map<String, Long> pids;
        final Map<String, String> metrics;
        final long start = System.nanoTime();
        final Cpu cpuBefore;
        final Map<String, Map<String, Long>> holdsBefore;
        final AtomicInteger[] statuses = new AtomicInteger[600];
        final Map<String, Long> ioErrors = new ConcurrentHashMap<>();
        final List<long[]> latencies = new ArrayList<>();
        long[] sorted;
        double seconds;
        Cpu cpuAfter;
        Map<String, Map<String, Long>> holdsAfter;

        Stats(String phase, Map<String, Long> pids, Map<String, String> metrics) {
            this.phase = phase;
            this.pids = pids;
            this.metrics = metrics;
            for (int i = 0; i < statuses.length; i++) {
                statuses[i] = new AtomicInteger();
            }
            this.holdsBefore = scrapeHolds(metrics);
            this.cpuBefore = Cpu.sample(pids);
        }

        /** Sends it, counts its status (or the exception), and returns its latency in microseconds. */
        long send(HttpRequest request) {
            long t0 = System.nanoTime();
            try {
                int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                statuses[Math.min(Math.max(status, 0), statuses.length - 1)].incrementAndGet();
            }
            catch (IOException ex) {
                ioErrors.merge(ex.getClass().getSimpleName(), 1L, Long::sum);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
            return (System.nanoTime() - t0) / 1000;
        }

        synchronized void add(long[] micros, int n) {
            latencies.add(Arrays.copyOf(micros, n));
        }

        void end() {
            seconds = (System.nanoTime() - start) / 1e9;
            cpuAfter = Cpu.sample(pids);
            holdsAfter = scrapeHolds(metrics);
            synchronized (this) {
                sorted = latencies.stream().flatMapToLong(Arrays::stream).sorted().toArray();
            }
        }

        int count(int status) {
            return statuses[status].get();
        }

        long requests() {
            return sorted.length;
        }

        long serverErrors() {
            long n = 0;
            for (int s = 500; s < 600; s++) {
                n += statuses[s].get();
            }
            return n;
        }

        long otherClientErrors() {
            long n = 0;
            for (int s = 400; s < 500; s++) {
                n += s == 409 || s == 423 ? 0 : statuses[s].get();
            }
            return n;
        }

        long ioErrors() {
            return ioErrors.values().stream().mapToLong(Long::longValue).sum();
        }

        double percentileMs(double p) {
            if (sorted.length == 0) {
                return Double.NaN;
            }
            int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1000.0;
        }

        double maxMs() {
            return sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1] / 1000.0;
        }

        /** The phase's name in the RESULT lines. */
        String key() {
            return phase.startsWith("JIT") ? "warmup" : phase.toLowerCase(Locale.ROOT);
        }

        long ok(int... success) {
            long ok = 0;
            for (int s : success) {
                ok += statuses[s].get();
            }
            return ok;
        }

        void print() {
            StringBuilder codes = new StringBuilder();
            for (int s = 0; s < statuses.length; s++) {
                if (statuses[s].get() > 0) {
                    codes.append(codes.isEmpty() ? "" : ", ").append(statuses[s].get()).append(" x ").append(s);
                }
            }
            ioErrors.forEach((kind, n) -> codes.append(codes.isEmpty() ? "" : ", ").append(n).append(" x ").append(kind));
            System.out.printf(Locale.ROOT, "   %-12s %7d requests in %5.1f s = %7.1f/s; p50 %7.1f ms, p99 %7.1f ms, max %7.1f ms; %s%n",
                    phase, requests(), seconds, requests() / seconds, percentileMs(50), percentileMs(99), maxMs(), codes);
        }

        void cpu() {
            long total = cpuAfter.total - cpuBefore.total;
            if (total <= 0) {
                return;
            }
            double scale = 100.0 * cpuAfter.cpus / total;   // jiffies over all cores' -> % of one core
            long busy = cpuAfter.busy - cpuBefore.busy;
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "   CPU %-11s machine %3.0f%% of %d00%%:",
                    phase, busy * scale, cpuAfter.cpus));
            long known = 0;
            for (Map.Entry<String, Long> e : cpuAfter.processes.entrySet()) {
                long d = Math.max(0, e.getValue() - cpuBefore.processes.getOrDefault(e.getKey(), 0L));
                known += d;
                line.append(String.format(Locale.ROOT, " %s %.0f%%,", e.getKey(), d * scale));
            }
            line.append(String.format(Locale.ROOT, " everything else %.0f%%", Math.max(0, busy - known) * scale));
            System.out.println(line);
        }

        void instances() {
            if (holdsAfter.isEmpty()) {
                return;
            }
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "   holds by instance, %-11s", phase));
            holdsAfter.forEach((instance, outcomes) -> {
                Map<String, Long> before = holdsBefore.getOrDefault(instance, Map.of());
                StringBuilder parts = new StringBuilder();
                outcomes.forEach((outcome, n) -> {
                    long d = n - before.getOrDefault(outcome, 0L);
                    if (d > 0) {
                        parts.append(parts.isEmpty() ? "" : " ").append(outcome).append(' ').append(d);
                    }
                });
                line.append(String.format(Locale.ROOT, " %s: %s;", instance, parts.isEmpty() ? "-" : parts));
            });
            System.out.println(line);
        }
    }

    /** smartlink_bookings_holds_total by outcome, per booking instance (empty map for one that does not answer). */
    static Map<String, Map<String, Long>> scrapeHolds(Map<String, String> metrics) {
        Map<String, Map<String, Long>> all = new LinkedHashMap<>();
        metrics.forEach((name, url) -> {
            Map<String, Long> outcomes = new TreeMap<>();
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(5)).header("Accept", "text/plain").GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                Matcher m = HOLDS_SAMPLE.matcher(response.body());
                while (m.find()) {
                    outcomes.merge(m.group(1), (long) Double.parseDouble(m.group(2)), Long::sum);
                }
            }
            catch (IOException ex) {
                // not answering: shown as "-"
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
            all.put(name, outcomes);
        });
        return all;
    }

    /** Jiffies: the machine's total and busy, per named process, and all "postgres" processes summed. */
    record Cpu(long total, long busy, int cpus, Map<String, Long> processes) {

        static Cpu sample(Map<String, Long> pids) {
            try {
                String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
                long total = 0;
                for (int i = 1; i <= 8 && i < f.length; i++) {
                    total += Long.parseLong(f[i]);
                }
                long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
                Map<String, Long> processes = new LinkedHashMap<>();
                pids.forEach((name, pid) -> processes.put(name, jiffies(Path.of("/proc", pid.toString(), "stat"))));
                long postgres = 0;
                try (var dirs = Files.newDirectoryStream(Path.of("/proc"), d -> d.getFileName().toString().matches("\\d+"))) {
                    for (Path dir : dirs) {
                        try {
                            String stat = Files.readString(dir.resolve("stat"));
                            if (stat.contains("(postgres)")) {
                                postgres += jiffies(stat);
                            }
                        }
                        catch (IOException | RuntimeException gone) {
                            // exited meanwhile
                        }
                    }
                }
                processes.put("postgres (all)", postgres);
                return new Cpu(total, total - idle, Runtime.getRuntime().availableProcessors(), processes);
            }
            catch (IOException ex) {
                return new Cpu(0, 0, 1, Map.of());
            }
        }

        static long jiffies(Path stat) {
            try {
                return jiffies(Files.readString(stat));
            }
            catch (IOException ex) {
                return 0;
            }
        }

        /** utime + stime (fields 14 and 15 of /proc/<pid>/stat; the name in parentheses may hold spaces). */
        static long jiffies(String stat) {
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        }
    }

    static String arg(String key, String fallback) {
        return ARGS.getOrDefault(key, fallback);
    }

    static List<String> lines(String file) throws IOException {
        return file.isEmpty() ? List.of()
                : Files.readAllLines(Path.of(file)).stream().map(String::strip).filter(l -> !l.isEmpty()).toList();
    }

    static <T> Map<String, T> pairs(String list, java.util.function.Function<String, T> value) {
        Map<String, T> map = new LinkedHashMap<>();
        for (String entry : list.split(",")) {
            if (!entry.isBlank()) {
                int eq = entry.indexOf('=');
                map.put(entry.substring(0, eq), value.apply(entry.substring(eq + 1)));
            }
        }
        return map;
    }

    static String json(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
