package com.smartlinkauto.storage.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;

/** A node's heartbeat and chunk report are bounded like any client input before they reach the database. */
class NodeReportValidationTest {

    private static final Validator VALIDATOR = Validation.buildDefaultValidatorFactory().getValidator();

    private static Heartbeat heartbeat(String nodeId, String zone, String baseUrl, Instant startedAt) {
        return new Heartbeat(nodeId, zone, baseUrl, 2, 4, 100, 1000, 1L << 30, 0, 1L << 30, 0, 0, 0, 0, List.of(),
                startedAt, Instant.now(), null);
    }

    private static List<String> invalid(Object report) {
        return VALIDATOR.validate(report).stream().map(ConstraintViolation::getPropertyPath).map(Object::toString)
                .distinct().sorted().toList();
    }

    @Test
    void aSaneHeartbeatIsValid() {
        assertThat(invalid(heartbeat("node-1", "zone-a", "http://10.0.0.7:9101", Instant.now()))).isEmpty();
    }

    @Test
    void nulControlsLongZonesBadIdsAndDatesOutsideTheWindowAreRefused() {
        assertThat(invalid(heartbeat("node-1\u0000", "zone-a", "http://10.0.0.7:9101", Instant.now())))
                .containsExactly("nodeId");
        assertThat(invalid(heartbeat("node-1", "zone\u0000a", "http://10.0.0.7:9101", Instant.now())))
                .containsExactly("zone");
        assertThat(invalid(heartbeat("node-1", "z".repeat(33), "http://10.0.0.7:9101", Instant.now())))
                .containsExactly("zone");
        assertThat(invalid(heartbeat("node-1", "zone-a", "http://10.0.0.7:9101/" + "x".repeat(300), Instant.now())))
                .containsExactly("baseUrl");
        assertThat(invalid(heartbeat("node-1", "zone-a", "http://10.0.0.7:9101",
                Instant.parse("+300000-01-01T00:00:00Z")))).containsExactly("startedAt");
        assertThat(invalid(new ChunkReport("NODE\u0000", "zone\u202E", "http://x", Instant.parse("+300000-01-01T00:00:00Z"),
                0, 0, List.of()))).containsExactly("generatedAt", "nodeId", "zone");
    }
}
