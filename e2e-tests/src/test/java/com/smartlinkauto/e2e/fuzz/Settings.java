package com.smartlinkauto.e2e.fuzz;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

import com.smartlinkauto.e2e.fuzz.Malformed.Value;

/**
 * The fuzz test's bounds, from system properties ({@code -Dsmartlink.fuzz.<name>=…}). The defaults keep a
 * run within a few minutes on two cores and under the gateway's per-client rate limit.
 *
 * @param maxRequests  total requests at most (the per-operation cap is lowered until the plan fits)
 * @param perOperation requests per operation for the role that may call it
 * @param perRole      requests per operation for every other role (an even sample of the same mutations)
 * @param threads      requests in flight
 * @param ratePerClient requests per second per client (identity or source address) and route
 * @param timeBudget   requests not sent by then are skipped (and counted)
 * @param loginFailures failed logins and password changes the run may cause (user-service allows 20 per address
 *                     and 5 per account in 15 minutes; other tests log in too)
 * @param only         only operations whose "METHOD /path" matches
 * @param skip         malformed values (their text or label) to leave out, e.g. one known to kill a service, to see the rest
 * @param report       where the Markdown report goes
 */
record Settings(int maxRequests, int perOperation, int perRole, int threads, int ratePerClient, Duration timeBudget,
        int loginFailures, Pattern only, List<String> skip, Path report) {

    static Settings fromSystemProperties() {
        return new Settings(
                Integer.getInteger("smartlink.fuzz.max-requests", 12_000),
                Integer.getInteger("smartlink.fuzz.per-operation", 300),
                Integer.getInteger("smartlink.fuzz.per-role", 12),
                Integer.getInteger("smartlink.fuzz.threads", 8),
                Integer.getInteger("smartlink.fuzz.rate", 40),
                Duration.parse(System.getProperty("smartlink.fuzz.time-budget", "PT5M")),
                Integer.getInteger("smartlink.fuzz.login-failures", 6),
                Pattern.compile(System.getProperty("smartlink.fuzz.only", "")),
                Arrays.stream(System.getProperty("smartlink.fuzz.skip", "").split(",")).map(String::trim)
                        .filter(s -> !s.isEmpty()).toList(),
                Path.of(System.getProperty("smartlink.fuzz.report", "target/fuzz-report.md")));
    }

    boolean skipped(Value value) {
        return value != null && (skip.contains(value.label()) || skip.contains(value.text()));
    }
}
