package com.smartlinkauto.storageclient;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * {@code smartlink.storage-client.*}.
 *
 * @param serviceId      the controller's discovery name, resolved per call through the {@code LoadBalancerClient}
 * @param baseUrl        when set (e.g. {@code http://127.0.0.1:8085}), used directly instead of discovery (tests, dev)
 * @param owner          sent as {@code X-Storage-Owner}; default {@code ${spring.application.name}}
 * @param replication    copies per chunk, sent as {@code ?replication=} (the controller's default when unset)
 * @param connectTimeout time to open a connection to the controller
 * @param readTimeout    longest silence while reading an answer (after an upload's last byte: until every
 *                       chunk is stored; while downloading: between two reads)
 */
@ConfigurationProperties("smartlink.storage-client")
@Validated
public record StorageClientProperties(
        @DefaultValue("storage-controller-service") @NotBlank String serviceId,
        @Nullable @Pattern(regexp = "https?://\\S+", message = "must be an http(s) URL") String baseUrl,
        @Nullable String owner,
        @Nullable @Min(1) @Max(5) Integer replication,
        @DefaultValue("2s") @NotNull Duration connectTimeout,
        @DefaultValue("60s") @NotNull Duration readTimeout) {

    public StorageClientProperties {
        baseUrl = baseUrl == null || baseUrl.isBlank() ? null : baseUrl.strip().replaceAll("/+$", "");
        owner = owner == null || owner.isBlank() ? null : owner.strip();
    }
}
