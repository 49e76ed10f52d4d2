package com.smartlinkauto.e2e.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.smartlinkauto.e2e.Platform;
import com.smartlinkauto.e2e.fuzz.OpenApiCatalog.Operation;
import com.smartlinkauto.e2e.fuzz.OpenApiCatalog.Service;
import com.smartlinkauto.e2e.fuzz.Planner.Probe;

/**
 * Issue #10's fuzz test: every operation of every running service's OpenAPI document, through the gateway,
 * as anonymous, a renter, a pending and a verified partner and the admin, first valid and then with one
 * parameter, header or body field (or the body as a whole) malformed at a time; plus path, token and
 * method tricks aimed at the gateway itself. It fails on any 5xx, any error that is not
 * {@code application/problem+json} with the stable problem type, any 2xx for a role that must not pass
 * ({@link AccessPolicy}), any internal path the gateway answers other than 404, and any service that stops
 * answering. The findings (with a curl line each) go to {@code target/fuzz-report.md}.
 * <p>
 * Bounded ({@link Settings}): at most 12,000 requests and five minutes of sending, paced under the gateway's per-client
 * rate limit, failed logins within user-service's throttle, destructive operations pointed at throw-away
 * resources, one signing-key rotation.
 */
class ApiFuzzE2EIT {

    @Test
    void everyOperationSurvivesMalformedInputAndLetsOnlyTheRightRolesThrough() {
        Settings settings = Settings.fromSystemProperties();
        Instant started = Instant.now();
        List<String> notes = new ArrayList<>();
        List<Service> services = OpenApiCatalog.discover(notes);
        List<String> names = services.stream().map(Service::name).toList();
        assertThat(names).as("services serving /v3/api-docs (Eureka %s, ports %s)", Platform.EUREKA,
                System.getProperty("smartlink.fuzz.service-ports", "8081-8085")).contains("user-service");
        List<Operation> operations = services.stream().flatMap(s -> OpenApiCatalog.operations(s).stream()).toList();

        Fixtures fixtures = Fixtures.create(new LinkedHashSet<>(names));
        try {
            Planner planner = new Planner(fixtures, settings);
            List<Probe> tricks = GatewayTricks.probes(fixtures);
            int perOperation = settings.perOperation();
            List<Probe> probes = planner.plan(operations, perOperation);
            while (probes.size() + tricks.size() > settings.maxRequests() && perOperation > 20) {
                perOperation = perOperation * 3 / 4;
                probes = planner.plan(operations, perOperation);
            }
            probes = new ArrayList<>(probes);
            probes.addAll(tricks);
            notes.add("cap per operation for the role that may call it: " + perOperation + "; other roles: "
                    + settings.perRole());

            Map<String, String> health = new LinkedHashMap<>();
            health.put("gateway", Platform.GATEWAY_MANAGEMENT + "/actuator/health");
            services.forEach(s -> health.put(s.name(), s.baseUrl() + "/actuator/health"));
            Fuzzer fuzzer = new Fuzzer(settings, health);
            fuzzer.run(probes);

            notes.addAll(planner.notes);
            notes.addAll(fixtures.notes);
            notes.addAll(fuzzer.notes);
            fuzzer.baselineNotes.stream().distinct().forEach(n -> notes.add("baseline not accepted — " + n));
            fuzzer.slowest(12).forEach(n -> notes.add("time spent — " + n));
            String summary = FuzzReport.summary(fuzzer, probes.size(), operations.size(), names, Fuzzer.elapsed(started));
            System.out.println(summary);
            FuzzReport.write(settings.report(), summary, fuzzer, notes);
            assertThat(fuzzer.findings.size()).withFailMessage(() -> FuzzReport.failure(summary, fuzzer, settings.report()))
                    .isZero();
        }
        finally {
            fixtures.cleanUp();
        }
    }
}
