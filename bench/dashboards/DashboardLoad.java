import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The load generator of bench/dashboards.sh (issue #14): the dashboards through the gateway with an admin's token.
 * Run as a single-file program: {@code java bench/dashboards/DashboardLoad.java key=value ...}.
 * <p>
 * Phases, in this order ({@code clients} closed-loop clients each, {@code seconds} s each; after each answer a
 * client pauses 0.5–1.5 × {@code think-ms}, none by default, and with a pause it sends its first request of a
 * phase at a random moment within the first {@code think-ms}):
 * <ol>
 * <li>CHECK (not timed): the partner earnings of {@code checks} (a file: one line per partner, window and currency
 * with the gross, refunds and rentals the script computed with SQL from the seeded rows) must match the answers.</li>
 * <li>JIT warm-up ({@code warmup} s, not a result): earnings, revenue and overview on entries no later phase asks,
 * half of the earnings and revenue requests hits ({@link #warmUpEntry}).</li>
 * <li>EARNINGS COLD: {@code GET /api/partners/{id}/earnings?from&to&groupBy} where every request is the first for
 * its cache entry: request n goes to partner n mod {@code partners}, with the next of its windows (month-aligned,
 * 1–12 months, ending at the latest next month, by month or by vehicle, then the same shifted by whole hours; all
 * of this run's windows moved by the same odd number of seconds, so that no earlier run's entries are found).</li>
 * <li>EARNINGS WARM: the entries of EARNINGS COLD again, in the same order (cached 10 min: hits).</li>
 * <li>REVENUE COLD / REVENUE WARM: {@code GET /api/admin/revenue} the same way (by day or partner over 1–12
 * weeks, by month or city over 1–12 months).</li>
 * <li>OVERVIEW: {@code GET /api/admin/overview}. Its parts are one cache entry each for everybody, so "cold" cannot
 * mean a new entry per request: the script starts user-service with a short part TTL (and booking-service's
 * overview TTL alike), and each answer is classed by its parts' {@code asOf}: COLD when a part was computed after
 * the request was sent (it waited for a source), WARM when every part came from the cache.</li>
 * </ol>
 * Every answer is checked: 200, and its shape — the right partner, window and grouping; per currency
 * gross − refunds − commission = net exactly, the groups adding up to the totals, XAF in whole francs, EUR in
 * cents, utilisation within 0..1; the overview's five parts, the seeded bookings of this month and today counted.
 * A wrong answer is a FAILURE line (the script fails); figures never are.
 * <p>
 * Per phase: statuses, requests/s, latency p50/p99/max as the client sees it (body read), the deltas of
 * {@code smartlink_cache_requests_total{cache,result}} and {@code smartlink_bookings_dashboard_query_seconds} over
 * the instances of {@code metrics} (name=url,...), CPU per process from /proc ({@code pids} = name=pid[+pid...],...;
 * every process named "postgres" is summed). The last lines are {@code RESULT phase=...} for the script.
 * With {@code hang-dumps} (a directory), a request unanswered after {@code hang-seconds} (10) has the platform's
 * threads and the Prometheus pages of {@code metrics} and {@code hang-urls} saved there while it waits (HangWatch).
 * Exit status 2 when a precondition fails (arguments, the token file).
 */
public class DashboardLoad {

    static final Map<String, String> ARGS = new LinkedHashMap<>();
    static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)\\{([^}]*)}\\s+(\\S+)", Pattern.MULTILINE);
    static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");
    static final List<String> FAILURES = Collections.synchronizedList(new ArrayList<>());
    static final AtomicInteger FAILURES_SEEN = new AtomicInteger();
    static final String PARTNER_PREFIX = "b5ea0c20-0000-4000-8000-";

    static HttpClient http;
    static String gateway;
    /** The mean pause of a client after each answer (0: none); each drawn from 0.5–1.5 times it. */
    static long thinkMs;
    /**
     * This run's shift of every window, 1–1,799 s and never whole minutes (the script's): the entries of a run a few
     * minutes ago, still cached for 10 min, are not this run's, so COLD stays cold — and none of them is stale: the
     * seed's rows depend on the time it ran, and writing them with SQL bumps no cache version.
     */
    static long runOffsetSeconds;
    static String bearer;
    static int partners;
    /** The first month the windows start in: 11 months before this one. */
    static YearMonth base;
    /** (start month index, length in months): month-aligned windows ending at the latest next month. */
    static final List<int[]> MONTH_WINDOWS = new ArrayList<>();
    /** (start month index, length in weeks). */
    static final List<int[]> WEEK_WINDOWS = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq < 1) {
                System.err.println("arguments are key=value: " + arg);
                System.exit(2);
            }
            ARGS.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        gateway = arg("gateway", "http://127.0.0.1:8080");
        int clients = Integer.parseInt(arg("clients", "50"));
        int seconds = Integer.parseInt(arg("seconds", "30"));
        int warmup = Integer.parseInt(arg("warmup", "15"));
        thinkMs = Long.parseLong(arg("think-ms", "0"));
        partners = Integer.parseInt(arg("partners", "400"));
        long maxEarningsKeys = Long.parseLong(arg("max-earnings-keys", "40000"));
        long maxRevenueKeys = Long.parseLong(arg("max-revenue-keys", "4000"));
        long monthBookings = Long.parseLong(arg("month-bookings", "0"));
        long todayBookings = Long.parseLong(arg("today-bookings", "0"));
        // the seed's counts hold for the day (and month) they were taken: not after midnight UTC
        String day = arg("day", "");
        String token = Files.readString(Path.of(arg("token-file", ""))).strip();
        if (token.isEmpty() || partners < 1 || clients < 1) {
            System.err.println("need token-file, partners >= 1, clients >= 1");
            System.exit(2);
        }
        bearer = "Bearer " + token;
        Map<String, long[]> pids = pids(arg("pids", ""));
        pids.put("load generator", new long[] { ProcessHandle.current().pid() });
        Map<String, String> metrics = pairs(arg("metrics", ""));
        base = YearMonth.now(ZoneOffset.UTC).minusMonths(11);
        runOffsetSeconds = Long.parseLong(arg("offset-seconds", "0"));
        if (runOffsetSeconds <= 0 || runOffsetSeconds >= 1800 || runOffsetSeconds % 60 == 0) {
            System.err.println("offset-seconds: 1..1799, not whole minutes");
            System.exit(2);
        }
        for (int s = 0; s < 13; s++) {
            for (int len = 1; len <= 12 && s + len <= 13; len++) {
                MONTH_WINDOWS.add(new int[] { s, len });
            }
            for (int weeks = 1; weeks <= 12; weeks++) {
                WEEK_WINDOWS.add(new int[] { s, weeks });
            }
        }
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
                .build();
        String hangDumps = arg("hang-dumps", "");
        if (!hangDumps.isEmpty()) {
            Map<String, String> urls = new LinkedHashMap<>(metrics);
            urls.putAll(pairs(arg("hang-urls", "")));
            HangWatch.start(Path.of(hangDumps), Duration.ofSeconds(Long.parseLong(arg("hang-seconds", "10"))), pids,
                    urls);
        }

        // --- CHECK: earnings against the SQL the script ran over the seeded rows ---
        String checks = arg("checks", "");
        if (!checks.isEmpty()) {
            check(Files.readAllLines(Path.of(checks)));
        }

        List<Stats> results = new ArrayList<>();
        if (warmup > 0) {
            // entries nobody asks again: windows 30 minutes off the hour
            // flat out, without think time: the warm-up is there for the JIT, whatever pace the phases keep
            Stats w = closedLoop("JIT warm-up", clients, warmup, 0, n -> switch ((int) (n % 3)) {
                case 0 -> earnings(warmUpEntry(n / 3), 30);
                case 1 -> revenue(warmUpEntry(n / 3), 30);
                default -> overview(day, monthBookings, todayBookings);
            }, pids, metrics);
            w.print();
            results.add(w);
        }

        AtomicLong earningsKeys = new AtomicLong();
        Stats earningsCold = closedLoop("EARNINGS COLD", clients, seconds, thinkMs, n -> {
            long k = earningsKeys.getAndIncrement();
            return k < maxEarningsKeys ? earnings(k, 0) : null;
        }, pids, metrics);
        earningsCold.print();
        results.add(earningsCold);
        long earningsSeen = Math.max(1, Math.min(earningsKeys.get(), maxEarningsKeys));
        Stats earningsWarm = closedLoop("EARNINGS WARM", clients, seconds, thinkMs, n -> earnings(n % earningsSeen, 0), pids,
                metrics);
        earningsWarm.print();
        results.add(earningsWarm);

        AtomicLong revenueKeys = new AtomicLong();
        Stats revenueCold = closedLoop("REVENUE COLD", clients, seconds, thinkMs, n -> {
            long k = revenueKeys.getAndIncrement();
            return k < maxRevenueKeys ? revenue(k, 0) : null;
        }, pids, metrics);
        revenueCold.print();
        results.add(revenueCold);
        long revenueSeen = Math.max(1, Math.min(revenueKeys.get(), maxRevenueKeys));
        Stats revenueWarm = closedLoop("REVENUE WARM", clients, seconds, thinkMs, n -> revenue(n % revenueSeen, 0), pids,
                metrics);
        revenueWarm.print();
        results.add(revenueWarm);

        if (!UNAVAILABLE.isEmpty()) {
            System.out.printf(Locale.ROOT, "   %-13s overview parts UNAVAILABLE during the warm-up: %s%n", "",
                    new TreeMap<>(UNAVAILABLE));
        }
        UNAVAILABLE.clear();
        BOOKINGS_COMPUTED.set(0);
        Stats overview = closedLoop("OVERVIEW", clients, seconds, thinkMs, n -> overview(day, monthBookings, todayBookings), pids,
                metrics);
        overview.print();
        results.add(overview);

        System.out.println();
        for (Stats s : results) {
            s.cpu();
        }
        System.out.println();
        for (Stats s : results) {
            s.caches();
        }
        System.out.println();
        System.out.printf(Locale.ROOT,
                "   distinct entries asked: earnings %d (cap %d), revenue %d (cap %d); this run's windows start %d s after the hour%n",
                earningsSeen, maxEarningsKeys, revenueSeen, maxRevenueKeys, runOffsetSeconds);
        synchronized (FAILURES) {
            for (String f : FAILURES) {
                System.out.println("FAILURE " + f);
            }
        }
        if (FAILURES_SEEN.get() > FAILURES.size()) {
            System.out.println("FAILURE ... and " + (FAILURES_SEEN.get() - FAILURES.size()) + " more wrong answers");
        }
        for (Stats s : results) {
            s.result();
        }
    }

    static void fail(String message) {
        if (FAILURES_SEEN.incrementAndGet() <= 20) {
            FAILURES.add(message);
        }
    }

    // ------------------------------------------------------------------------------------ requests --

    /** One request and how to judge its answer: null when right, else what is wrong; class 1 = COLD. */
    record Call(HttpRequest request, Judge judge) {
    }

    interface Judge {
        /** The verdict on an answer: {@link Verdict#ok} or {@link Verdict#wrong}. */
        Verdict judge(int status, String body, Instant sent);
    }

    record Verdict(String wrong, int kind) {

        static final Verdict OK = new Verdict(null, 0);
        static final Verdict COLD = new Verdict(null, 1);

        static Verdict wrong(String what) {
            return new Verdict(what, 0);
        }
    }

    /**
     * A GET through the gateway. Its 45 s time-out is longer than the gateway's 30 s time limit on the booking
     * routes (earnings, revenue), so that a request lost behind the gateway comes back as the gateway's own answer
     * (which says so) instead of ending at the same instant on the client's side.
     */
    static HttpRequest get(String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create(gateway + pathAndQuery)).timeout(Duration.ofSeconds(45))
                .header("Authorization", bearer).header("Accept", "application/json").GET().build();
    }

    static String partner(long index) {
        return PARTNER_PREFIX + String.format(Locale.ROOT, "%012x", index + 1);
    }

    static Instant monthStart(int index) {
        return base.plusMonths(index).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    }

    /**
     * The warm-up's m-th request of a dashboard asks a new entry, and every other one the entry asked ~50 requests
     * of it before (cached by then): the hit path (an entry read back and sent) is compiled as well as the miss
     * path. With misses only, EARNINGS WARM was the first phase to run it and measured the JIT compiling it.
     */
    static long warmUpEntry(long m) {
        return m % 2 == 0 ? m / 2 : Math.max(0, m / 2 - 25);
    }

    /**
     * Entry n of the partner earnings: partner n mod partners, then its k-th window (k = n div partners):
     * {@link #MONTH_WINDOWS}, by month then by vehicle, then all of it again shifted by whole hours; plus
     * {@code offsetMinutes} (the warm-up's entries are half an hour later) and {@link #runOffsetSeconds}.
     */
    static Call earnings(long n, int offsetMinutes) {
        String partner = partner(n % partners);
        long k = n / partners;
        int[] w = MONTH_WINDOWS.get((int) (k % MONTH_WINDOWS.size()));
        boolean byVehicle = (k / MONTH_WINDOWS.size()) % 2 == 1;
        long shift = (k / (2L * MONTH_WINDOWS.size()) * 60 + offsetMinutes) * 60 + runOffsetSeconds;
        Instant from = monthStart(w[0]).plusSeconds(shift);
        Instant to = monthStart(w[0] + w[1]).plusSeconds(shift);
        String groupBy = byVehicle ? "vehicle" : "month";
        return new Call(get("/api/partners/" + partner + "/earnings?from=" + from + "&to=" + to + "&groupBy=" + groupBy),
                (status, body, sent) -> judgeEarnings(status, body, partner, from, to, groupBy));
    }

    /** Entry n of the admin revenue: by day, month, partner, city in turn, over its windows, then shifted. */
    static Call revenue(long n, int offsetMinutes) {
        String[] groups = { "day", "month", "partner", "city" };
        String groupBy = groups[(int) (n % 4)];
        long k = n / 4;
        boolean weeks = groupBy.equals("day") || groupBy.equals("partner");
        List<int[]> windows = weeks ? WEEK_WINDOWS : MONTH_WINDOWS;
        int[] w = windows.get((int) (k % windows.size()));
        long shift = (k / windows.size() * 60 + offsetMinutes) * 60 + runOffsetSeconds;
        Instant from = monthStart(w[0]).plusSeconds(shift);
        Instant to = weeks ? from.plus(Duration.ofDays(7L * w[1])) : monthStart(w[0] + w[1]).plusSeconds(shift);
        return new Call(get("/api/admin/revenue?from=" + from + "&to=" + to + "&groupBy=" + groupBy),
                (status, body, sent) -> judgeRevenue(status, body, from, to, groupBy));
    }

    static Call overview(String day, long monthBookings, long todayBookings) {
        return new Call(get("/api/admin/overview"), (status, body, sent) -> {
            boolean sameDay = day.equals(sent.atOffset(ZoneOffset.UTC).toLocalDate().toString());
            return judgeOverview(status, body, sent, sameDay ? monthBookings : 0, sameDay ? todayBookings : 0);
        });
    }

    // ------------------------------------------------------------------------------------ answers --

    static Verdict judgeEarnings(int status, String body, String partner, Instant from, Instant to, String groupBy) {
        if (status != 200) {
            return Verdict.wrong("earnings of " + partner + ": HTTP " + status);
        }
        try {
            Map<String, Object> e = object(Json.parse(body), "earnings");
            String what = "earnings of " + partner + " " + from + ".." + to + " by " + groupBy + ": ";
            if (!partner.equals(e.get("partnerId")) || !groupBy.equals(e.get("groupBy"))
                    || !same(from, e.get("from")) || !same(to, e.get("to"))) {
                return Verdict.wrong(what + "answered for " + e.get("partnerId") + " " + e.get("from") + ".."
                        + e.get("to") + " by " + e.get("groupBy"));
            }
            for (Object c : list(e.get("currencies"), "currencies")) {
                Map<String, Object> currency = object(c, "currency");
                String code = (String) currency.get("currency");
                String wrong = money(code, object(currency.get("totals"), "totals"));
                BigDecimal[] sums = { BigDecimal.ZERO, BigDecimal.ZERO };
                for (Object g : list(currency.get("groups"), "groups")) {
                    Map<String, Object> group = object(g, "group");
                    wrong = wrong != null ? wrong : money(code, group);
                    sums[0] = sums[0].add(number(group.get("gross")));
                    sums[1] = sums[1].add(number(group.get("refunds")));
                }
                Map<String, Object> totals = object(currency.get("totals"), "totals");
                if (wrong == null && (sums[0].compareTo(number(totals.get("gross"))) != 0
                        || sums[1].compareTo(number(totals.get("refunds"))) != 0)) {
                    wrong = code + " groups add up to " + sums[0] + " / " + sums[1] + ", totals say "
                            + totals.get("gross") + " / " + totals.get("refunds");
                }
                if (wrong != null) {
                    return Verdict.wrong(what + wrong);
                }
            }
            for (Object v : list(e.get("vehicles"), "vehicles")) {
                BigDecimal u = number(object(v, "vehicle").get("utilisation"));
                if (u.signum() < 0 || u.compareTo(BigDecimal.ONE) > 0) {
                    return Verdict.wrong(what + "utilisation " + u);
                }
            }
            return Verdict.OK;
        }
        catch (RuntimeException ex) {
            return Verdict.wrong("earnings of " + partner + ": " + ex.getMessage() + " in " + clip(body));
        }
    }

    static Verdict judgeRevenue(int status, String body, Instant from, Instant to, String groupBy) {
        String what = "revenue " + from + ".." + to + " by " + groupBy + ": ";
        if (status != 200) {
            return Verdict.wrong(what + "HTTP " + status);
        }
        try {
            Map<String, Object> r = object(Json.parse(body), "revenue");
            if (!groupBy.equals(r.get("groupBy")) || !same(from, r.get("from")) || !same(to, r.get("to"))) {
                return Verdict.wrong(what + "answered " + r.get("from") + ".." + r.get("to") + " by " + r.get("groupBy"));
            }
            for (Object c : list(r.get("currencies"), "currencies")) {
                Map<String, Object> currency = object(c, "currency");
                String code = (String) currency.get("currency");
                String wrong = money(code, object(currency.get("totals"), "totals"));
                BigDecimal gross = BigDecimal.ZERO;
                for (Object g : list(currency.get("groups"), "groups")) {
                    Map<String, Object> group = object(g, "group");
                    wrong = wrong != null ? wrong : money(code, group);
                    gross = gross.add(number(group.get("gross")));
                }
                if (wrong == null && gross.compareTo(number(object(currency.get("totals"), "totals").get("gross"))) != 0) {
                    wrong = code + " groups' gross adds up to " + gross;
                }
                if (wrong != null) {
                    return Verdict.wrong(what + wrong);
                }
            }
            return Verdict.OK;
        }
        catch (RuntimeException ex) {
            return Verdict.wrong(what + ex.getMessage() + " in " + clip(body));
        }
    }

    /** Unavailable parts by "part: reason" (reported, not a failure: the overview promises to say so). */
    static final Map<String, AtomicLong> UNAVAILABLE = new ConcurrentHashMap<>();
    /** OVERVIEW answers whose bookings part booking-service computed while the request waited. */
    static final AtomicLong BOOKINGS_COMPUTED = new AtomicLong();

    static Verdict judgeOverview(int status, String body, Instant sent, long monthBookings, long todayBookings) {
        if (status != 200) {
            return Verdict.wrong("overview: HTTP " + status);
        }
        try {
            Map<String, Object> o = object(Json.parse(body), "overview");
            boolean cold = false;
            for (String name : List.of("users", "vehicles", "bookings", "revenue", "storage")) {
                Map<String, Object> part = object(o.get(name), name);
                Object partStatus = part.get("status");
                if ("UNAVAILABLE".equals(partStatus)) {
                    UNAVAILABLE.computeIfAbsent(name + ": " + part.get("reason"), k -> new AtomicLong()).incrementAndGet();
                    continue;
                }
                if (!"AVAILABLE".equals(partStatus)) {
                    return Verdict.wrong("overview: part " + name + " has status " + partStatus);
                }
                Instant asOf = Instant.parse((String) part.get("asOf"));
                if (!asOf.isBefore(sent)) {
                    cold = true;
                    if (name.equals("bookings")) {
                        BOOKINGS_COMPUTED.incrementAndGet();
                    }
                }
                if (name.equals("bookings")) {
                    long month = sum(object(part.get("thisMonth"), "thisMonth"));
                    long today = sum(object(part.get("today"), "today"));
                    if (month < monthBookings || today < todayBookings) {
                        return Verdict.wrong("overview: bookings this month " + month + ", today " + today
                                + ": the seed alone made " + monthBookings + " and " + todayBookings);
                    }
                }
                if (name.equals("users") && number(part.get("total")).signum() <= 0) {
                    return Verdict.wrong("overview: no users");
                }
            }
            return cold ? Verdict.COLD : Verdict.OK;
        }
        catch (RuntimeException ex) {
            return Verdict.wrong("overview: " + ex.getMessage() + " in " + clip(body));
        }
    }

    /** gross − refunds − commission = net exactly, in the currency's unit (XAF whole, EUR cents); null when so. */
    static String money(String currency, Map<String, Object> figures) {
        BigDecimal gross = number(figures.get("gross"));
        BigDecimal refunds = number(figures.get("refunds"));
        BigDecimal commission = number(figures.get("commission"));
        BigDecimal net = number(figures.get("net"));
        int decimals = "XAF".equals(currency) ? 0 : "EUR".equals(currency) ? 2 : -1;
        if (decimals < 0) {
            return "currency " + currency;
        }
        for (BigDecimal v : List.of(gross, refunds, commission, net)) {
            if (v.stripTrailingZeros().scale() > decimals) {
                return currency + " amount " + v + " is not in whole " + (decimals == 0 ? "francs" : "cents");
            }
        }
        if (gross.subtract(refunds).subtract(commission).compareTo(net) != 0) {
            return currency + " " + gross + " − " + refunds + " − " + commission + " ≠ " + net;
        }
        return null;
    }

    static boolean same(Instant expected, Object actual) {
        return actual instanceof String s && Instant.parse(s).equals(expected);
    }

    static long sum(Map<String, Object> counts) {
        long n = 0;
        for (Object v : counts.values()) {
            n += number(v).longValueExact();
        }
        return n;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> object(Object o, String what) {
        if (o instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        throw new IllegalStateException(what + " is not an object");
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object o, String what) {
        if (o instanceof List<?> l) {
            return (List<Object>) l;
        }
        throw new IllegalStateException(what + " is not a list");
    }

    static BigDecimal number(Object o) {
        if (o instanceof BigDecimal b) {
            return b;
        }
        throw new IllegalStateException("not a number: " + o);
    }

    static String clip(String body) {
        return body == null ? "" : body.length() > 300 ? body.substring(0, 300) + "..." : body;
    }

    /**
     * The script's expectations, one per line: partner from to currency gross-minor refunds-minor rentals (what the
     * seeded rows say). Each earnings answer (by month) must have exactly these totals.
     */
    static void check(List<String> lines) throws InterruptedException {
        int checked = 0;
        for (String line : lines) {
            String[] f = line.strip().split("\\s+");
            if (f.length != 7) {
                continue;
            }
            String partner = f[0];
            String currency = f[3];
            int decimals = currency.equals("XAF") ? 0 : 2;
            BigDecimal gross = BigDecimal.valueOf(Long.parseLong(f[4]), decimals);
            BigDecimal refunds = BigDecimal.valueOf(Long.parseLong(f[5]), decimals);
            long rentals = Long.parseLong(f[6]);
            String what = "check: earnings of " + partner + " " + f[1] + ".." + f[2] + " " + currency + ": ";
            try {
                HttpResponse<String> response = http.send(get("/api/partners/" + partner + "/earnings?from=" + f[1]
                        + "&to=" + f[2] + "&groupBy=month"), HttpResponse.BodyHandlers.ofString());
                Verdict shape = judgeEarnings(response.statusCode(), response.body(), partner, Instant.parse(f[1]),
                        Instant.parse(f[2]), "month");
                if (shape.wrong() != null) {
                    fail(what + shape.wrong());
                    continue;
                }
                Map<String, Object> totals = null;
                for (Object c : list(object(Json.parse(response.body()), "earnings").get("currencies"), "currencies")) {
                    if (currency.equals(object(c, "currency").get("currency"))) {
                        totals = object(object(c, "currency").get("totals"), "totals");
                    }
                }
                if (totals == null) {
                    fail(what + "no " + currency + " in the answer");
                }
                else if (number(totals.get("gross")).compareTo(gross) != 0
                        || number(totals.get("refunds")).compareTo(refunds) != 0
                        || number(totals.get("rentals")).longValueExact() != rentals) {
                    fail(what + "answered gross " + totals.get("gross") + ", refunds " + totals.get("refunds")
                            + ", rentals " + totals.get("rentals") + "; the seeded rows say " + gross + ", " + refunds
                            + ", " + rentals);
                }
                else {
                    checked++;
                }
            }
            catch (IOException | RuntimeException ex) {
                fail(what + ex);
            }
        }
        System.out.printf(Locale.ROOT, "   CHECK        %d of %d earnings answers equal the seeded rows (gross, refunds, rentals per currency)%n",
                checked, lines.stream().filter(l -> !l.isBlank()).count());
    }

    // ------------------------------------------------------------------------------------ phases --

    interface Source {
        /** Request n of the phase, or null when there is none left. */
        Call next(long n);
    }

    /** {@code clients} threads sending the source's requests back to back until {@code seconds} passed. */
    static Stats closedLoop(String phase, int clients, int seconds, long pauseMs, Source source, Map<String, long[]> pids,
            Map<String, String> metrics) throws InterruptedException {
        Stats stats = new Stats(phase, pids, metrics);
        AtomicLong counter = new AtomicLong();
        long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        CountDownLatch done = new CountDownLatch(clients);
        for (int c = 0; c < clients; c++) {
            Thread thread = new Thread(() -> {
                long[] mine = new long[1024];
                byte[] kinds = new byte[1024];
                int n = 0;
                try {
                    if (pauseMs > 0) {
                        // independent people arrive at random moments, not as one burst of every client at the
                        // phase's first instant: the first request within the first pause, then the steady rate
                        Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextLong(pauseMs));
                    }
                    while (System.nanoTime() < deadline) {
                        Call call = source.next(counter.getAndIncrement());
                        if (call == null) {
                            break;
                        }
                        if (n == mine.length) {
                            mine = Arrays.copyOf(mine, n * 2);
                            kinds = Arrays.copyOf(kinds, n * 2);
                        }
                        long[] latency = new long[1];
                        kinds[n] = (byte) stats.send(call, latency);
                        mine[n++] = latency[0];
                        if (pauseMs > 0) {
                            Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextLong(pauseMs / 2,
                                    pauseMs + pauseMs / 2 + 1));
                        }
                    }
                }
                catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
                finally {
                    stats.add(mine, kinds, n);
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

    /** One phase: statuses, latencies (all, and COLD / WARM where the answer tells), snapshots around it. */
    static final class Stats {
        final String phase;
        final Map<String, long[]> pids;
        final Map<String, String> metrics;
        final long start = System.nanoTime();
        final Cpu cpuBefore;
        final Map<String, Double> metricsBefore;
        final AtomicInteger[] statuses = new AtomicInteger[600];
        final Map<String, Long> ioErrors = new ConcurrentHashMap<>();
        final AtomicLong wrong = new AtomicLong();
        final List<long[]> latencies = new ArrayList<>();
        final List<byte[]> kinds = new ArrayList<>();
        long[] sorted;
        long[] cold;
        long[] warm;
        double seconds;
        Cpu cpuAfter;
        Map<String, Double> metricsAfter;

        Stats(String phase, Map<String, long[]> pids, Map<String, String> metrics) {
            this.phase = phase;
            this.pids = pids;
            this.metrics = metrics;
            for (int i = 0; i < statuses.length; i++) {
                statuses[i] = new AtomicInteger();
            }
            this.metricsBefore = scrape(metrics);
            this.cpuBefore = Cpu.sample(pids);
        }

        /** Sends it, counts its status, judges the answer; the latency (µs) into latency[0], the kind returned. */
        int send(Call call, long[] latency) {
            Instant sent = Instant.now();
            long t0 = System.nanoTime();
            IN_FLIGHT.put(Thread.currentThread(), new InFlight(t0, phase, call.request().uri()));
            try {
                HttpResponse<String> response = http.send(call.request(), HttpResponse.BodyHandlers.ofString());
                latency[0] = (System.nanoTime() - t0) / 1000;
                int status = response.statusCode();
                statuses[Math.min(Math.max(status, 0), statuses.length - 1)].incrementAndGet();
                Verdict verdict = call.judge().judge(status, response.body(), sent);
                if (verdict.wrong() != null) {
                    wrong.incrementAndGet();
                    fail(phase + ": " + verdict.wrong());
                }
                return verdict.kind();
            }
            catch (IOException ex) {
                latency[0] = (System.nanoTime() - t0) / 1000;
                ioErrors.merge(ex.getClass().getSimpleName(), 1L, Long::sum);
                fail(phase + ": " + call.request().uri().getPath() + ": " + ex);
            }
            catch (InterruptedException ex) {
                latency[0] = (System.nanoTime() - t0) / 1000;
                Thread.currentThread().interrupt();
            }
            finally {
                IN_FLIGHT.remove(Thread.currentThread());
            }
            return 0;
        }

        synchronized void add(long[] micros, byte[] kind, int n) {
            latencies.add(Arrays.copyOf(micros, n));
            kinds.add(Arrays.copyOf(kind, n));
        }

        void end() {
            seconds = (System.nanoTime() - start) / 1e9;
            cpuAfter = Cpu.sample(pids);
            metricsAfter = scrape(metrics);
            synchronized (this) {
                sorted = latencies.stream().flatMapToLong(Arrays::stream).sorted().toArray();
                List<Long> c = new ArrayList<>();
                List<Long> w = new ArrayList<>();
                for (int i = 0; i < latencies.size(); i++) {
                    long[] l = latencies.get(i);
                    byte[] k = kinds.get(i);
                    for (int j = 0; j < l.length; j++) {
                        (k[j] == 1 ? c : w).add(l[j]);
                    }
                }
                cold = c.stream().mapToLong(Long::longValue).sorted().toArray();
                warm = w.stream().mapToLong(Long::longValue).sorted().toArray();
            }
        }

        long requests() {
            return sorted.length;
        }

        long count(int from, int to) {
            long n = 0;
            for (int s = from; s <= to; s++) {
                n += statuses[s].get();
            }
            return n;
        }

        long ioErrors() {
            return ioErrors.values().stream().mapToLong(Long::longValue).sum();
        }

        static double percentileMs(long[] sorted, double p) {
            if (sorted.length == 0) {
                return Double.NaN;
            }
            int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1000.0;
        }

        static double maxMs(long[] sorted) {
            return sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1] / 1000.0;
        }

        String key() {
            return phase.startsWith("JIT") ? "warmup" : phase.toLowerCase(Locale.ROOT).replace(' ', '-');
        }

        boolean overview() {
            return phase.equals("OVERVIEW");
        }

        /** The caches this phase is about: hits, misses, errors summed over the instances. */
        List<String> cacheNames() {
            return switch (phase) {
                case "EARNINGS COLD", "EARNINGS WARM" -> List.of("earnings");
                case "REVENUE COLD", "REVENUE WARM" -> List.of("revenue");
                case "OVERVIEW" -> List.of("overview-users", "overview-vehicles", "overview-bookings",
                        "overview-revenue", "overview-storage");
                default -> List.of();
            };
        }

        double cacheDelta(String cache, String result) {
            double d = 0;
            for (Map.Entry<String, Double> e : metricsAfter.entrySet()) {
                String k = e.getKey();
                if (k.startsWith("smartlink_cache_requests_total|") && k.endsWith("|" + cache + "|" + result)) {
                    d += e.getValue() - metricsBefore.getOrDefault(k, 0.0);
                }
            }
            return d;
        }

        /** hits / (hits + misses + errors) over {@link #cacheNames()}, NaN when none was asked. */
        double hitRatio() {
            double hits = 0;
            double all = 0;
            for (String cache : cacheNames()) {
                double h = cacheDelta(cache, "hit");
                hits += h;
                all += h + cacheDelta(cache, "miss") + cacheDelta(cache, "error");
            }
            return all == 0 ? Double.NaN : hits / all;
        }

        void print() {
            StringBuilder codes = new StringBuilder();
            for (int s = 0; s < statuses.length; s++) {
                if (statuses[s].get() > 0) {
                    codes.append(codes.isEmpty() ? "" : ", ").append(statuses[s].get()).append(" x ").append(s);
                }
            }
            ioErrors.forEach((kind, n) -> codes.append(codes.isEmpty() ? "" : ", ").append(n).append(" x ").append(kind));
            if (wrong.get() > 0) {
                codes.append(", ").append(wrong.get()).append(" WRONG");
            }
            System.out.printf(Locale.ROOT,
                    "   %-13s %7d requests in %5.1f s = %7.1f/s; p50 %7.1f ms, p99 %7.1f ms, max %7.1f ms; %s%s%n", phase,
                    requests(), seconds, requests() / seconds, percentileMs(sorted, 50), percentileMs(sorted, 99),
                    maxMs(sorted), codes, Double.isNaN(hitRatio()) ? ""
                            : String.format(Locale.ROOT, "; hit ratio %.1f %%", 100 * hitRatio()));
            if (overview()) {
                System.out.printf(Locale.ROOT,
                        "   %-13s COLD (a part computed while it waited) %d: p50 %.1f ms, p99 %.1f ms, max %.1f ms; "
                                + "WARM (every part cached) %d: p50 %.1f ms, p99 %.1f ms, max %.1f ms; bookings part "
                                + "computed by booking-service during %d requests%n",
                        "", cold.length, percentileMs(cold, 50), percentileMs(cold, 99), maxMs(cold), warm.length,
                        percentileMs(warm, 50), percentileMs(warm, 99), maxMs(warm), BOOKINGS_COMPUTED.get());
                if (!UNAVAILABLE.isEmpty()) {
                    System.out.printf(Locale.ROOT, "   %-13s parts UNAVAILABLE: %s%n", "", new TreeMap<>(UNAVAILABLE));
                }
            }
        }

        void cpu() {
            long total = cpuAfter.total - cpuBefore.total;
            if (total <= 0) {
                return;
            }
            double scale = 100.0 * cpuAfter.cpus / total;   // jiffies over all cores' -> % of one core
            long busy = cpuAfter.busy - cpuBefore.busy;
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "   CPU %-13s machine %3.0f%% of %d00%%:",
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

        /** Cache lookups by cache and result, and the dashboards computed (misses) with their mean time. */
        void caches() {
            Map<String, double[]> byCache = new TreeMap<>();
            Map<String, double[]> computed = new TreeMap<>();
            for (Map.Entry<String, Double> e : metricsAfter.entrySet()) {
                double d = e.getValue() - metricsBefore.getOrDefault(e.getKey(), 0.0);
                if (d <= 0) {
                    continue;
                }
                String[] k = e.getKey().split("\\|", -1);
                if (k[0].equals("smartlink_cache_requests_total")) {
                    double[] v = byCache.computeIfAbsent(k[2], c -> new double[3]);
                    v[k[3].equals("hit") ? 0 : k[3].equals("miss") ? 1 : 2] += d;
                }
                else if (k[0].startsWith("smartlink_bookings_dashboard_query_seconds_")) {
                    double[] v = computed.computeIfAbsent(k[2], c -> new double[2]);
                    v[k[0].endsWith("_count") ? 0 : 1] += d;
                }
            }
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "   caches %-13s", phase));
            byCache.forEach((cache, v) -> line.append(String.format(Locale.ROOT, " %s %.0f hit / %.0f miss%s;", cache,
                    v[0], v[1], v[2] > 0 ? String.format(Locale.ROOT, " / %.0f error", v[2]) : "")));
            computed.forEach((dashboard, v) -> line.append(String.format(Locale.ROOT,
                    " computed %s %.0f x, mean %.1f ms;", dashboard, v[0], v[0] > 0 ? 1000 * v[1] / v[0] : 0)));
            // how the gateway spread the phase over booking-service's instances (their earnings/revenue lookups)
            Map<String, Double> perInstance = new TreeMap<>();
            for (Map.Entry<String, Double> e : metricsAfter.entrySet()) {
                String[] k = e.getKey().split("\\|", -1);
                if (k[0].equals("smartlink_cache_requests_total") && cacheNames().contains(k[2])
                        && k[1].startsWith("booking")) {
                    perInstance.merge(k[1], e.getValue() - metricsBefore.getOrDefault(e.getKey(), 0.0), Double::sum);
                }
            }
            if (perInstance.size() > 1) {
                line.append(" lookups by instance:");
                perInstance.forEach((i, d) -> line.append(String.format(Locale.ROOT, " %s %.0f", i, d)));
            }
            System.out.println(line);
        }

        void result() {
            double ratio = hitRatio();
            System.out.printf(Locale.ROOT,
                    "RESULT phase=%s requests=%d seconds=%.2f rps=%.1f s200=%d s4xx=%d s5xx=%d io_errors=%d wrong=%d "
                            + "p50_ms=%.1f p99_ms=%.1f max_ms=%.1f hit_ratio=%s cold_n=%d cold_p50_ms=%.1f "
                            + "cold_p99_ms=%.1f warm_n=%d warm_p50_ms=%.1f warm_p99_ms=%.1f%n",
                    key(), requests(), seconds, requests() / seconds, count(200, 200), count(400, 499),
                    count(500, 599), ioErrors(), wrong.get(), percentileMs(sorted, 50), percentileMs(sorted, 99),
                    maxMs(sorted), Double.isNaN(ratio) ? "-" : String.format(Locale.ROOT, "%.3f", ratio), cold.length,
                    percentileMs(cold, 50), percentileMs(cold, 99), warm.length, percentileMs(warm, 50),
                    percentileMs(warm, 99));
        }
    }

    /**
     * The counters of every instance of {@code metrics}: "name|instance|cache-or-dashboard|result" → value, for
     * smartlink_cache_requests_total and smartlink_bookings_dashboard_query_seconds_{count,sum}.
     */
    static Map<String, Double> scrape(Map<String, String> metrics) {
        Map<String, Double> all = new LinkedHashMap<>();
        metrics.forEach((instance, url) -> {
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(5)).header("Accept", "text/plain").GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                Matcher m = SAMPLE.matcher(response.body());
                while (m.find()) {
                    String name = m.group(1);
                    if (!name.equals("smartlink_cache_requests_total")
                            && !name.startsWith("smartlink_bookings_dashboard_query_seconds_")) {
                        continue;
                    }
                    if (!name.equals("smartlink_cache_requests_total") && !name.endsWith("_count")
                            && !name.endsWith("_sum")) {
                        continue;
                    }
                    Map<String, String> labels = new LinkedHashMap<>();
                    Matcher l = LABEL.matcher(m.group(2));
                    while (l.find()) {
                        labels.put(l.group(1), l.group(2));
                    }
                    String key = name.equals("smartlink_cache_requests_total")
                            ? name + "|" + instance + "|" + labels.get("cache") + "|" + labels.get("result")
                            : name + "|" + instance + "|" + labels.get("dashboard") + "|";
                    all.merge(key, Double.parseDouble(m.group(3)), Double::sum);
                }
            }
            catch (IOException | RuntimeException ex) {
                // an instance that does not answer: its counters are missing from both snapshots
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        });
        return all;
    }

    /** Jiffies: the machine's total and busy, per named process (summed over its pids), all "postgres" summed. */
    record Cpu(long total, long busy, int cpus, Map<String, Long> processes) {

        static Cpu sample(Map<String, long[]> pids) {
            try {
                String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
                long total = 0;
                for (int i = 1; i <= 8 && i < f.length; i++) {
                    total += Long.parseLong(f[i]);
                }
                long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
                Map<String, Long> processes = new LinkedHashMap<>();
                pids.forEach((name, list) -> {
                    long j = 0;
                    for (long pid : list) {
                        j += jiffies(Path.of("/proc", Long.toString(pid), "stat"));
                    }
                    processes.put(name, j);
                });
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

    /** A small JSON reader: objects as maps, arrays as lists, numbers as BigDecimal (exact), strings, booleans, null. */
    static final class Json {

        private final String s;
        private int i;

        private Json(String s) {
            this.s = s;
        }

        static Object parse(String text) {
            Json json = new Json(text);
            Object value = json.value();
            json.space();
            if (json.i != text.length()) {
                throw new IllegalStateException("trailing characters at " + json.i);
            }
            return value;
        }

        private void space() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }

        private Object value() {
            space();
            if (i >= s.length()) {
                throw new IllegalStateException("unexpected end of JSON");
            }
            char c = s.charAt(i);
            switch (c) {
                case '{' -> {
                    i++;
                    Map<String, Object> map = new LinkedHashMap<>();
                    space();
                    if (s.charAt(i) == '}') {
                        i++;
                        return map;
                    }
                    while (true) {
                        space();
                        String key = string();
                        space();
                        expect(':');
                        map.put(key, value());
                        space();
                        if (s.charAt(i) == ',') {
                            i++;
                            continue;
                        }
                        expect('}');
                        return map;
                    }
                }
                case '[' -> {
                    i++;
                    List<Object> list = new ArrayList<>();
                    space();
                    if (s.charAt(i) == ']') {
                        i++;
                        return list;
                    }
                    while (true) {
                        list.add(value());
                        space();
                        if (s.charAt(i) == ',') {
                            i++;
                            continue;
                        }
                        expect(']');
                        return list;
                    }
                }
                case '"' -> {
                    return string();
                }
                case 't' -> {
                    word("true");
                    return Boolean.TRUE;
                }
                case 'f' -> {
                    word("false");
                    return Boolean.FALSE;
                }
                case 'n' -> {
                    word("null");
                    return null;
                }
                default -> {
                    int start = i;
                    while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) {
                        i++;
                    }
                    if (start == i) {
                        throw new IllegalStateException("unexpected '" + c + "' at " + i);
                    }
                    return new BigDecimal(s.substring(start, i));
                }
            }
        }

        private String string() {
            expect('"');
            StringBuilder b = new StringBuilder();
            while (true) {
                char c = s.charAt(i++);
                if (c == '"') {
                    return b.toString();
                }
                if (c == '\\') {
                    char e = s.charAt(i++);
                    switch (e) {
                        case 'n' -> b.append('\n');
                        case 't' -> b.append('\t');
                        case 'r' -> b.append('\r');
                        case 'b' -> b.append('\b');
                        case 'f' -> b.append('\f');
                        case 'u' -> {
                            b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                            i += 4;
                        }
                        default -> b.append(e);
                    }
                }
                else {
                    b.append(c);
                }
            }
        }

        private void expect(char c) {
            if (i >= s.length() || s.charAt(i) != c) {
                throw new IllegalStateException("expected '" + c + "' at " + i);
            }
            i++;
        }

        private void word(String w) {
            if (!s.startsWith(w, i)) {
                throw new IllegalStateException("unexpected token at " + i);
            }
            i += w.length();
        }
    }

    static String arg(String key, String fallback) {
        return ARGS.getOrDefault(key, fallback);
    }

    static Map<String, String> pairs(String list) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String entry : list.split(",")) {
            if (!entry.isBlank()) {
                int eq = entry.indexOf('=');
                map.put(entry.substring(0, eq), entry.substring(eq + 1));
            }
        }
        return map;
    }

    /** A request on its way: when it was sent (nanoTime), in which phase, where to. */
    record InFlight(long sentNanos, String phase, URI uri) {

        String what() {
            return phase + " " + uri;
        }
    }

    /** Every client's request on its way, by client thread (HangWatch reads it). */
    static final Map<Thread, InFlight> IN_FLIGHT = new ConcurrentHashMap<>();

    /**
     * Once a request has waited {@code after} (a silent 30 s hang was seen twice in these benchmarks, lost somewhere
     * between the gateway and a service), saves what the platform is doing while it still waits: a thread dump of
     * every Java process in {@code pids} (virtual threads included: {@code jcmd Thread.dump_to_file}) and each of
     * {@code urls} (the actuators' Prometheus pages: requests in progress, pools) into {@code dir}. Once per run.
     */
    static final class HangWatch {

        static void start(Path dir, Duration after, Map<String, long[]> pids, Map<String, String> urls) {
            Thread watch = new Thread(() -> {
                try {
                    while (true) {
                        Thread.sleep(1000);
                        long now = System.nanoTime();
                        for (InFlight f : IN_FLIGHT.values()) {
                            if (now - f.sentNanos() > after.toNanos()) {
                                capture(dir, f, (now - f.sentNanos()) / 1e9, pids, urls);
                                return;
                            }
                        }
                    }
                }
                catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
            }, "hang-watch");
            watch.setDaemon(true);
            watch.start();
        }

        static void capture(Path dir, InFlight f, double waited, Map<String, long[]> pids, Map<String, String> urls) {
            try {
                Files.createDirectories(dir);
                Files.writeString(dir.resolve("request.txt"), String.format(Locale.ROOT,
                        "%s%nin flight for %.1f s at %s%n", f.what(), waited, Instant.now()));
                Path jcmd = Path.of(ProcessHandle.current().info().command().orElse("java")).resolveSibling("jcmd");
                for (Map.Entry<String, long[]> e : pids.entrySet()) {
                    for (long pid : e.getValue()) {
                        boolean jvm = ProcessHandle.of(pid).flatMap(h -> h.info().command())
                                .map(c -> c.endsWith("/java")).orElse(false);
                        if (!jvm) {
                            continue;
                        }
                        Path out = dir.resolve(e.getKey().replace(' ', '-') + "-" + pid + ".threads.txt");
                        new ProcessBuilder(jcmd.toString(), Long.toString(pid), "Thread.dump_to_file", "-overwrite",
                                out.toString()).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                                .start().waitFor(20, java.util.concurrent.TimeUnit.SECONDS);
                    }
                }
                for (Map.Entry<String, String> e : urls.entrySet()) {
                    try {
                        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(e.getValue()))
                                .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
                        Files.writeString(dir.resolve(e.getKey() + ".prometheus.txt"), page.body());
                    }
                    catch (IOException ex) {
                        Files.writeString(dir.resolve(e.getKey() + ".prometheus.txt"), ex.toString());
                    }
                }
                System.out.printf(Locale.ROOT, "   HANG: %s in flight for %.1f s; thread dumps and metrics in %s%n",
                        f.what(), waited, dir);
            }
            catch (IOException ex) {
                System.out.println("   HANG: could not save the dumps: " + ex);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static Map<String, long[]> pids(String list) {
        Map<String, long[]> map = new LinkedHashMap<>();
        pairs(list).forEach((name, value) -> map.put(name,
                Arrays.stream(value.split("\\+")).filter(p -> !p.isBlank()).mapToLong(Long::parseLong).toArray()));
        return map;
    }
}
