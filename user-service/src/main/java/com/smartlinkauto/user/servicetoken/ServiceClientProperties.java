package com.smartlinkauto.user.servicetoken;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotNull;

/**
 * The services that may ask this service for service tokens ({@code smartlink.users.service-clients.*}).
 *
 * @param secrets  every client's secret, {@code name=secret,name=secret,...} ({@code SMARTLINK_SERVICE_CLIENTS},
 *                 written by the runner / compose / the Kubernetes Secret; never in a file of the repository)
 * @param grants   which audiences each client may ask for (client id → service ids); unset: {@link #DEFAULT_GRANTS}
 * @param tokenTtl lifetime of a service token (at most the user access token lifetime: retired signing keys stay
 *                 published only that long)
 */
@Validated
@ConfigurationProperties("smartlink.users.service-clients")
public record ServiceClientProperties(String secrets, Map<String, List<String>> grants,
        @DefaultValue("10m") @NotNull Duration tokenTtl) {

    /** Who calls whom on the platform's internal plane. */
    public static final Map<String, List<String>> DEFAULT_GRANTS = Map.of(
            "user-service", List.of("storage-controller-service", "vehicle-service", "booking-service"),
            "vehicle-service", List.of("storage-controller-service"),
            "storage-controller-service", List.of("storage-node-service"),
            "storage-node-service", List.of("storage-controller-service", "storage-node-service"),
            "booking-service", List.of("vehicle-service"),
            "payment-service", List.of("booking-service"));

    public ServiceClientProperties {
        grants = grants == null || grants.isEmpty() ? DEFAULT_GRANTS : Map.copyOf(grants);
    }

    /** Never prints the secrets. */
    @Override
    public String toString() {
        return "ServiceClientProperties[secrets=***, grants=" + grants + ", tokenTtl=" + tokenTtl + "]";
    }
}
