package com.smartlinkauto.storage.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;

class LinkRequestTest {

    private static final ValidatorFactory FACTORY = Validation.buildDefaultValidatorFactory();

    @AfterAll
    static void close() {
        FACTORY.close();
    }

    private static Set<String> invalid(LinkRequest request) {
        return FACTORY.getValidator().validate(request).stream().map(ConstraintViolation::getPropertyPath)
                .map(Object::toString).collect(Collectors.toSet());
    }

    @ParameterizedTest
    @ValueSource(ints = { 1, 100, 1_000_000 })
    void bandwidthFrom1To1000000Mbps(int mbps) {
        assertThat(invalid(new LinkRequest("node-1", "node-2", mbps))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = { Integer.MIN_VALUE, -1, 0, 1_000_001 })
    void anyOtherBandwidthIsInvalid(int mbps) {
        assertThat(invalid(new LinkRequest("node-1", "node-2", mbps))).containsExactly("bandwidthMbps");
    }

    @Test
    void everyFieldIsRequired() {
        assertThat(invalid(new LinkRequest(null, " ", null))).containsExactlyInAnyOrder("nodeA", "nodeB",
                "bandwidthMbps");
    }
}
