import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The load generator of bench/search.sh (issue #5): anonymous searches through the gateway by a fixed number
 * of concurrent clients, each sending its next request as soon as the previous one answered (closed loop,
 * no think time). Run as a single-file program: {@code java bench/search/SearchLoad.java key=value ...}.
 * <p>
 * Phases: a JIT warm-up (not reported as a result), COLD (every request a search never asked before: its
 * dates are unique per request, so nothing can come from the cache), a warm-up pass over a fixed set of
 * searches, then WARM (that fixed set, asked over and over). For each phase: requests, requests/s, latency
 * p50/p99/max (whole request as the client sees it), errors (anything but a 200 with a result page), the
 * cache hit ratio from vehicle-service's {@code smartlink_cache_requests_total{cache="search"}} deltas, the
 * database query timer {@code smartlink_vehicles_search_query_seconds} deltas, and CPU use per process
 * (from /proc, in % of one core) so a missed target can be told from a saturated machine.
 * <p>
 * Keys: gateway, metrics (vehicle-service's /actuator/prometheus), cities (csv: city,country,lat,lon),
 * clients (100), seconds (per measured phase, 45), warmup (seconds, 20), queries (warm set size, 200),
 * think-ms (0: none; else the mean pause, each drawn from 0.5-1.5 x it, and a client's first search of a phase at a
 * random moment within the first think-ms), pids (name=pid,... of processes to sample; all "postgres" processes are summed).
 */
public class SearchLoad {

    record City(String name, String country, double lat, double lon) {
    }

    record Stats(String phase, long requests, double seconds, long[] sortedMicros, long errors,
            Map<String, Long> errorKinds, Metrics before, Metrics after, Cpu cpuBefore, Cpu cpuAfter) {

        double rps() {
            return requests / seconds;
        }

        double percentileMs(double p) {
            if (sortedMicros.length == 0) {
                return Double.NaN;
            }
            int index = (int) Math.ceil(p / 100.0 * sortedMicros.length) - 1;
            return sortedMicros[Math.max(0, Math.min(sortedMicros.length - 1, index))] / 1000.0;
        }

        double maxMs() {
            return sortedMicros.length == 0 ? Double.NaN : sortedMicros[sortedMicros.length - 1] / 1000.0;
        }

        long hits() {
            return after.hits - before.hits;
        }

        long misses() {
            return after.misses - before.misses;
        }

        long cacheErrors() {
            return after.errors - before.errors;
        }

        double hitRatio() {
            long lookups = hits() + misses();
            return lookups == 0 ? Double.NaN : (double) hits() / lookups;
        }
    }

    /** A scrape of vehicle-service's counters. */
    record Metrics(long hits, long misses, long errors, long queries, double querySeconds, TreeMap<Double, Double> buckets) {
    }

    /** Jiffies: the machine's total and busy, and per sampled process. */
    record Cpu(long total, long busy, long irq, int cpus, Map<String, Long> processes, Map<Long, Proc> all) {
    }

    /** A process's name (its main class or jar for Java) and its jiffies. */
    record Proc(String name, long jiffies) {
    }

    static final Map<String, String> ARGS = new HashMap<>();
    static HttpClient http;
    static String gateway;
    static List<City> cities;

    public static void main(String[] args) throws Exception {
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq < 1) {
                throw new IllegalArgumentException("arguments are key=value: " + arg);
            }
            ARGS.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        gateway = arg("gateway", "http://127.0.0.1:8080");
        String metricsUrl = arg("metrics", "http://127.0.0.1:8082/actuator/prometheus");
        int clients = Integer.parseInt(arg("clients", "100"));
        int seconds = Integer.parseInt(arg("seconds", "45"));
        int warmupSeconds = Integer.parseInt(arg("warmup", "20"));
        int querySetSize = Integer.parseInt(arg("queries", "200"));
        long thinkMs = Long.parseLong(arg("think-ms", "0"));
        cities = Files.readAllLines(Path.of(arg("cities", "bench/search/cities.csv"))).stream()
                .filter(line -> !line.isBlank()).map(line -> line.split(","))
                .map(f -> new City(f[0], f[1], Double.parseDouble(f[2]), Double.parseDouble(f[3]))).toList();
        Map<String, Long> pids = new LinkedHashMap<>();
        for (String entry : arg("pids", "").split(",")) {
            if (!entry.isBlank()) {
                String[] kv = entry.split("=");
                pids.put(kv[0], Long.parseLong(kv[1]));
            }
        }
        pids.put("load generator", ProcessHandle.current().pid());

        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
                .build();
        // searches start tomorrow at the full hour; their dates stay within the seeded 180 days of bookings
        Instant day0 = Instant.now().truncatedTo(ChronoUnit.HOURS).plus(1, ChronoUnit.DAYS);

        HttpResponse<String> probe = get(gateway + "/api/vehicles?city=Berlin&size=1");
        if (probe.statusCode() != 200 || !probe.body().startsWith("{\"items\"")) {
            throw new IllegalStateException("search through the gateway answered " + probe.statusCode() + ": "
                    + probe.body());
        }
        scrape(metricsUrl);

        // unique searches: request n asks for dates starting at minute (n * 7919) mod 216000 after day0 (a
        // permutation of 150 days of minutes: unique for the first 216,000 requests), plus random filters
        AtomicLong unique = new AtomicLong();
        LongFunction<String> cold = n -> query(new SplittableRandom(20260505L + n), day0,
                Math.floorMod(n * 7919L, 216_000L));
        List<String> warmupSet = fixedSet(querySetSize, 7L, day0);
        List<String> warmSet = fixedSet(querySetSize, 42L, day0);

        System.out.printf(Locale.ROOT, "   %d clients, closed loop%s; phases of %d s; JIT warm-up %d s; warm set %d searches%n",
                clients, thinkMs > 0 ? " with " + thinkMs + " ms think time" : " (no think time)", seconds,
                warmupSeconds, warmSet.size());

        List<Stats> results = new ArrayList<>();
        if (warmupSeconds > 0) {
            SplittableRandom pick = new SplittableRandom(3);
            // flat out, without think time: the warm-up is there for the JIT, whatever pace the phases keep
            Stats w = run("JIT warm-up", warmupSeconds, clients, 0, metricsUrl, pids, () -> {
                synchronized (pick) {
                    return pick.nextBoolean() ? cold.apply(unique.getAndIncrement())
                            : warmupSet.get(pick.nextInt(warmupSet.size()));
                }
            });
            print(List.of(w), false);
        }
        Stats coldStats = run("COLD (unique)", seconds, clients, thinkMs, metricsUrl, pids,
                () -> cold.apply(unique.getAndIncrement()));
        results.add(coldStats);
        print(List.of(coldStats), false);

        // warm-up pass: every search of the fixed set once (misses), so the phase starts with a filled cache
        Stats fill = runList("warm set, 1st pass", warmSet, Math.min(clients, 20), metricsUrl, pids);
        print(List.of(fill), false);
        SplittableRandom pick = new SplittableRandom(11);
        Stats warmStats = run("WARM (repeated)", seconds, clients, thinkMs, metricsUrl, pids, () -> {
            synchronized (pick) {
                return warmSet.get(pick.nextInt(warmSet.size()));
            }
        });
        results.add(warmStats);
        print(List.of(warmStats), false);

        System.out.println();
        print(results, true);
        System.out.println();
        for (Stats s : results) {
            cpu(s);
        }
        System.out.println();
        for (Stats s : results) {
            dbTimer(s);
        }
        System.out.printf(Locale.ROOT, "%n   unique searches asked: %d (cold phase: %d requests, %d cache misses, %d hits)%n",
                unique.get(), coldStats.requests, coldStats.misses(), coldStats.hits());
        for (Stats s : results) {
            System.out.printf(Locale.ROOT, "RESULT phase=%s requests=%d rps=%.0f p50_ms=%.1f p99_ms=%.1f max_ms=%.1f errors=%d hit_ratio=%.4f hits=%d misses=%d%n",
                    s.phase.startsWith("COLD") ? "cold" : "warm", s.requests, s.rps(), s.percentileMs(50),
                    s.percentileMs(99), s.maxMs(), s.errors, s.hitRatio(), s.hits(), s.misses());
        }
    }

    static String arg(String key, String fallback) {
        return ARGS.getOrDefault(key, fallback);
    }

    /** {@code size} distinct searches (seeded), dated within 10 fixed periods. */
    static List<String> fixedSet(int size, long seed, Instant day0) {
        SplittableRandom random = new SplittableRandom(seed);
        LinkedHashSet<String> set = new LinkedHashSet<>();
        while (set.size() < size) {
            long startMinute = (6 + random.nextInt(10) * 5) * 1440L + 9 * 60;   // days 6, 11, ... 51, 10:00
            set.add(query(random, day0, startMinute));
        }
        return List.copyOf(set);
    }

    /**
     * A search as renters ask them: 55 % by city, 25 % around a point near a city (10/25/50 km), 20 % by
     * country with a price cap; always with dates (1-14 days from {@code day0 + startMinute}); some with
     * price, transmission, seats, fuel or make filters, other sorts, or a later page.
     */
    static String query(SplittableRandom r, Instant day0, long startMinute) {
        City city = cities.get(r.nextInt(cities.size()));
        Instant from = day0.plus(startMinute, ChronoUnit.MINUTES);
        Instant to = from.plus(1 + r.nextInt(14), ChronoUnit.DAYS);
        StringBuilder q = new StringBuilder("/api/vehicles?");
        double kind = r.nextDouble();
        if (kind < 0.55) {
            q.append("city=").append(enc(city.name()));
            if (r.nextDouble() < 0.35) {
                q.append("&maxPrice=").append(40 + 10 * r.nextInt(17));
            }
            if (r.nextDouble() < 0.20) {
                q.append("&transmission=").append(r.nextBoolean() ? "AUTOMATIC" : "MANUAL");
            }
            if (r.nextDouble() < 0.15) {
                q.append("&seats=").append(r.nextBoolean() ? 5 : 7);
            }
            if (r.nextDouble() < 0.10) {
                q.append("&fuelType=").append(r.nextBoolean() ? "ELECTRIC" : "HYBRID");
            }
            double sort = r.nextDouble();
            if (sort < 0.2) {
                q.append("&sort=year");
            }
            else if (sort < 0.3) {
                q.append("&sort=price,desc");
            }
        }
        else if (kind < 0.80) {
            double lat = city.lat() + (r.nextDouble() - 0.5) * 0.1;
            double lon = city.lon() + (r.nextDouble() - 0.5) * 0.1;
            q.append("near=").append(String.format(Locale.ROOT, "%.4f,%.4f", lat, lon));
            q.append("&radiusKm=").append(new int[] { 10, 25, 50 }[r.nextInt(3)]);
            if (r.nextDouble() < 0.30) {
                q.append("&maxPrice=").append(40 + 10 * r.nextInt(17));
            }
        }
        else {
            q.append("country=").append(city.country());
            q.append("&maxPrice=").append(50 + 10 * r.nextInt(11));
            if (r.nextDouble() < 0.30) {
                q.append("&make=").append(new String[] { "Volkswagen", "BMW", "Toyota", "Renault", "Fiat" }[r.nextInt(5)]);
            }
        }
        q.append("&from=").append(enc(from.toString())).append("&to=").append(enc(to.toString()));
        double page = r.nextDouble();
        if (page < 0.10) {
            q.append("&page=1");
        }
        else if (page < 0.15) {
            q.append("&page=2");
        }
        return q.toString();
    }

    static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    interface Next {
        String path();
    }

    /** {@code clients} threads asking {@code next} until {@code seconds} passed. */
    static Stats run(String phase, int seconds, int clients, long thinkMs, String metricsUrl, Map<String, Long> pids,
            Next next) throws Exception {
        Metrics before = scrape(metricsUrl);
        Cpu cpuBefore = cpu(pids);
        long start = System.nanoTime();
        long deadline = start + Duration.ofSeconds(seconds).toNanos();
        long[][] latencies = new long[clients][];
        int[] counts = new int[clients];
        long[] errors = new long[clients];
        Map<String, Long> errorKinds = new ConcurrentHashMap<>();
        CountDownLatch done = new CountDownLatch(clients);
        long[] ends = new long[clients];
        for (int c = 0; c < clients; c++) {
            int client = c;
            Thread thread = new Thread(() -> {
                long[] mine = new long[4096];
                int n = 0;
                try {
                    if (thinkMs > 0) {
                        // nor do they all send their first search at the phase's first instant (a burst of every
                        // client at once, whose queue filled the p99): the first within the first think time
                        Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextLong(thinkMs));
                    }
                    while (System.nanoTime() < deadline) {
                        String path = next.path();
                        long t0 = System.nanoTime();
                        String error = send(path);
                        long micros = (System.nanoTime() - t0) / 1000;
                        if (n == mine.length) {
                            mine = Arrays.copyOf(mine, n * 2);
                        }
                        mine[n++] = micros;
                        if (error != null) {
                            errors[client]++;
                            errorKinds.merge(error, 1L, Long::sum);
                        }
                        if (thinkMs > 0) {
                            // independent users: pauses drawn from 0.5-1.5 x the mean, so the clients do not
                            // stay in lockstep and arrive as one burst of 100 every thinkMs
                            Thread.sleep(java.util.concurrent.ThreadLocalRandom.current()
                                    .nextLong(thinkMs / 2, thinkMs * 3 / 2 + 1));
                        }
                    }
                }
                catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
                finally {
                    latencies[client] = mine;
                    counts[client] = n;
                    ends[client] = System.nanoTime();
                    done.countDown();
                }
            }, "client-" + c);
            thread.setDaemon(true);
            thread.start();
        }
        done.await();
        long end = Arrays.stream(ends).max().orElse(System.nanoTime());
        Cpu cpuAfter = cpu(pids);
        Metrics after = scrape(metricsUrl);
        return stats(phase, latencies, counts, errors, errorKinds, (end - start) / 1e9, before, after, cpuBefore,
                cpuAfter);
    }

    /** Every path of {@code list} once, by {@code clients} threads. */
    static Stats runList(String phase, List<String> list, int clients, String metricsUrl, Map<String, Long> pids)
            throws Exception {
        AtomicLong index = new AtomicLong();
        Metrics before = scrape(metricsUrl);
        Cpu cpuBefore = cpu(pids);
        long start = System.nanoTime();
        long[][] latencies = new long[clients][];
        int[] counts = new int[clients];
        long[] errors = new long[clients];
        Map<String, Long> errorKinds = new ConcurrentHashMap<>();
        Thread[] threads = new Thread[clients];
        for (int c = 0; c < clients; c++) {
            int client = c;
            threads[c] = new Thread(() -> {
                long[] mine = new long[list.size()];
                int n = 0;
                for (long i; (i = index.getAndIncrement()) < list.size();) {
                    long t0 = System.nanoTime();
                    String error = send(list.get((int) i));
                    mine[n++] = (System.nanoTime() - t0) / 1000;
                    if (error != null) {
                        errors[client]++;
                        errorKinds.merge(error, 1L, Long::sum);
                    }
                }
                latencies[client] = mine;
                counts[client] = n;
            });
            threads[c].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        double secs = (System.nanoTime() - start) / 1e9;
        return stats(phase, latencies, counts, errors, errorKinds, secs, before, scrape(metricsUrl), cpuBefore,
                cpu(pids));
    }

    static Stats stats(String phase, long[][] latencies, int[] counts, long[] errors, Map<String, Long> errorKinds,
            double seconds, Metrics before, Metrics after, Cpu cpuBefore, Cpu cpuAfter) {
        int total = Arrays.stream(counts).sum();
        long[] all = new long[total];
        int at = 0;
        for (int c = 0; c < latencies.length; c++) {
            System.arraycopy(latencies[c], 0, all, at, counts[c]);
            at += counts[c];
        }
        Arrays.sort(all);
        return new Stats(phase, total, seconds, all, Arrays.stream(errors).sum(), new TreeMap<>(errorKinds), before,
                after, cpuBefore, cpuAfter);
    }

    /** One search; null when it answered 200 with a result page, else what went wrong. */
    static String send(String path) {
        try {
            HttpResponse<String> response = get(gateway + path);
            if (response.statusCode() != 200) {
                return "HTTP " + response.statusCode();
            }
            if (!response.body().startsWith("{\"items\"")) {
                return "200 without a result page";
            }
            return null;
        }
        catch (IOException ex) {
            return ex.getClass().getSimpleName();
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return get(url, "application/json");
    }

    static HttpResponse<String> get(String url, String accept) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Accept", accept).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*\\})?\\s+(\\S+)");

    static Metrics scrape(String url) throws IOException, InterruptedException {
        HttpResponse<String> response = get(url, "text/plain");
        if (response.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + response.statusCode());
        }
        long hits = 0;
        long misses = 0;
        long errors = 0;
        long queries = 0;
        double querySeconds = 0;
        boolean sawCounter = false;
        TreeMap<Double, Double> buckets = new TreeMap<>();
        for (String line : response.body().split("\n")) {
            Matcher m = SAMPLE.matcher(line);
            if (line.startsWith("#") || !m.find()) {
                continue;
            }
            String name = m.group(1);
            String labels = m.group(2) == null ? "" : m.group(2);
            double value = Double.parseDouble(m.group(3));
            switch (name) {
                case "smartlink_cache_requests_total" -> {
                    if (labels.contains("cache=\"search\"")) {
                        sawCounter = true;
                        if (labels.contains("result=\"hit\"")) {
                            hits += (long) value;
                        }
                        else if (labels.contains("result=\"miss\"")) {
                            misses += (long) value;
                        }
                        else if (labels.contains("result=\"error\"")) {
                            errors += (long) value;
                        }
                    }
                }
                case "smartlink_vehicles_search_query_seconds_count" -> queries += (long) value;
                case "smartlink_vehicles_search_query_seconds_sum" -> querySeconds += value;
                case "smartlink_vehicles_search_query_seconds_bucket" -> {
                    Matcher le = Pattern.compile("le=\"([^\"]+)\"").matcher(labels);
                    if (le.find()) {
                        double bound = le.group(1).equals("+Inf") ? Double.POSITIVE_INFINITY
                                : Double.parseDouble(le.group(1));
                        buckets.merge(bound, value, Double::sum);
                    }
                }
                default -> {
                }
            }
        }
        if (!sawCounter) {
            throw new IllegalStateException(url + " has no smartlink_cache_requests_total{cache=\"search\"}");
        }
        return new Metrics(hits, misses, errors, queries, querySeconds, buckets);
    }

    static Cpu cpu(Map<String, Long> pids) {
        try {
            String[] first = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < first.length && i <= 8; i++) {
                total += Long.parseLong(first[i]);
            }
            long idle = Long.parseLong(first[4]) + Long.parseLong(first[5]);
            long irq = Long.parseLong(first[6]) + Long.parseLong(first[7]);
            Map<String, Long> processes = new LinkedHashMap<>();
            for (Map.Entry<String, Long> e : pids.entrySet()) {
                processes.put(e.getKey(), jiffies(Path.of("/proc", e.getValue().toString(), "stat")));
            }
            long postgres = 0;
            Map<Long, Proc> all = new HashMap<>();
            try (var dirs = Files.list(Path.of("/proc"))) {
                for (Path dir : (Iterable<Path>) dirs::iterator) {
                    String name = dir.getFileName().toString();
                    if (!name.chars().allMatch(Character::isDigit)) {
                        continue;
                    }
                    try {
                        String stat = Files.readString(dir.resolve("stat"));
                        long j = jiffies(stat);
                        if (stat.contains("(postgres)")) {
                            postgres += j;
                        }
                        all.put(Long.parseLong(name), new Proc(describe(dir, stat), j));
                    }
                    catch (IOException | RuntimeException gone) {
                        // exited meanwhile
                    }
                }
            }
            processes.put("postgres (all)", postgres);
            return new Cpu(total, total - idle, irq, Runtime.getRuntime().availableProcessors(), processes, all);
        }
        catch (IOException ex) {
            return new Cpu(0, 0, 0, 1, Map.of(), Map.of());
        }
    }

    /** The command's name; for a JVM the jar or main class it runs (e.g. "user-service.jar", "kafka.Kafka"). */
    static String describe(Path dir, String stat) {
        String comm = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
        if (!comm.equals("java")) {
            return comm;
        }
        try {
            String[] argv = Files.readString(dir.resolve("cmdline")).split("\0");
            for (int i = 1; i < argv.length; i++) {
                if (argv[i].equals("-jar") && i + 1 < argv.length) {
                    String jar = argv[i + 1];
                    return jar.contains("surefire") || jar.contains("failsafe") ? "java (test run)"
                            : jar.substring(jar.lastIndexOf('/') + 1);
                }
                if (argv[i].equals("-classpath") || argv[i].equals("-cp")) {
                    i++;
                    continue;
                }
                if (!argv[i].startsWith("-")) {
                    return argv[i].contains("plexus") || argv[i].contains("maven") ? "maven" : argv[i];
                }
            }
        }
        catch (IOException | RuntimeException ex) {
            // gone
        }
        return "java";
    }

    static long jiffies(Path stat) {
        try {
            return jiffies(Files.readString(stat));
        }
        catch (IOException ex) {
            return 0;
        }
    }

    /** utime + stime of a /proc/<pid>/stat line (fields 14 and 15; the name in parentheses may hold spaces). */
    static long jiffies(String stat) {
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    static void print(List<Stats> stats, boolean withTargets) {
        if (withTargets) {
            System.out.printf(Locale.ROOT, "   %-20s %9s %8s %8s %8s %8s %7s %10s   %s%n", "phase", "requests", "req/s",
                    "p50 ms", "p99 ms", "max ms", "errors", "hit ratio", "targets (issue #5)");
        }
        for (Stats s : stats) {
            String target = "";
            if (withTargets && s.phase.startsWith("COLD")) {
                target = "p99 < 150 ms: " + (s.percentileMs(99) < 150 ? "met" : "NOT met");
            }
            else if (withTargets && s.phase.startsWith("WARM")) {
                target = "p99 < 25 ms: " + (s.percentileMs(99) < 25 ? "met" : "NOT met") + "; hit ratio > 90 %: "
                        + (s.hitRatio() > 0.9 ? "met" : "NOT met");
            }
            System.out.printf(Locale.ROOT, "   %-20s %9d %8.0f %8.1f %8.1f %8.1f %7d %9.1f%%   %s%n", s.phase, s.requests,
                    s.rps(), s.percentileMs(50), s.percentileMs(99), s.maxMs(), s.errors, 100 * s.hitRatio(), target);
            if (!withTargets && s.errors > 0) {
                System.out.println("      errors: " + s.errorKinds);
            }
        }
    }

    static void cpu(Stats s) {
        long total = s.cpuAfter.total - s.cpuBefore.total;
        if (total <= 0) {
            return;
        }
        int cpus = s.cpuAfter.cpus;
        // jiffies of a process over the machine's jiffies (all cores) x cores x 100 = % of one core
        double scale = 100.0 * cpus / total;
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "   CPU %-16s machine %3.0f%% of %d00%%:",
                s.phase.split(" ")[0], (s.cpuAfter.busy - s.cpuBefore.busy) * scale, cpus));
        long known = 0;
        for (String name : s.cpuAfter.processes.keySet()) {
            long d = s.cpuAfter.processes.get(name) - s.cpuBefore.processes.getOrDefault(name, 0L);
            known += Math.max(0, d);
            line.append(String.format(Locale.ROOT, " %s %.0f%%,", name, d * scale));
        }
        line.append(String.format(Locale.ROOT, " everything else %.0f%%",
                Math.max(0, (s.cpuAfter.busy - s.cpuBefore.busy) - known) * scale));
        System.out.println(line);
        // what "everything else" was: the largest other processes (by name) and interrupt handling
        Map<String, Long> others = new HashMap<>();
        for (Map.Entry<Long, Proc> e : s.cpuAfter.all.entrySet()) {
            Proc before = s.cpuBefore.all.get(e.getKey());
            long d = e.getValue().jiffies() - (before == null ? 0 : before.jiffies());
            if (d > 0) {
                others.merge(e.getValue().name(), d, Long::sum);
            }
        }
        for (String mine : List.of("gateway-service.jar", "vehicle-service.jar", "redis-server", "postgres")) {
            others.remove(mine);
        }
        others.remove(describe(Path.of("/proc/self"), "(java)"));
        StringBuilder top = new StringBuilder("      of which: irq+softirq " + String.format(Locale.ROOT, "%.0f%%",
                (s.cpuAfter.irq - s.cpuBefore.irq) * scale));
        others.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(6)
                .forEach(e -> top.append(String.format(Locale.ROOT, ", %s %.0f%%", e.getKey(), e.getValue() * scale)));
        System.out.println(top);
    }

    static void dbTimer(Stats s) {
        long queries = s.after.queries - s.before.queries;
        double secs = s.after.querySeconds - s.before.querySeconds;
        String p99 = "-";
        if (queries > 0) {
            double need = 0.99 * queries;
            for (Map.Entry<Double, Double> b : s.after.buckets.entrySet()) {
                double delta = b.getValue() - s.before.buckets.getOrDefault(b.getKey(), 0.0);
                if (delta >= need) {
                    p99 = b.getKey().isInfinite() ? "> largest bucket" : String.format(Locale.ROOT, "<= %.1f ms", b.getKey() * 1000);
                    break;
                }
            }
        }
        System.out.printf(Locale.ROOT, "   DB  %-16s search queries run %d, mean %.1f ms, p99 %s (smartlink_vehicles_search_query_seconds); cache errors %d%n",
                s.phase.split(" ")[0], queries, queries == 0 ? 0 : secs * 1000 / queries, p99, s.cacheErrors());
    }
}
