package com.smartlinkauto.servicedefaults.servicetoken;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Service credentials ({@code smartlink.security.service.*}): how this service gets client-credentials tokens
 * from user-service for the services it calls, and which of its own paths accept only such tokens.
 *
 * @param clientId       this service's client id; blank: {@code spring.application.name}
 * @param clientSecret   this service's secret ({@code SMARTLINK_SERVICE_SECRET}); never logged
 * @param tokenUri       user-service's token endpoint; a bare service name as host ({@code user-service}) is
 *                       resolved through discovery, anything else (tests: {@code http://127.0.0.1:…}) is called as is
 * @param audience       the audience tokens must name to be accepted here; blank: {@code spring.application.name}
 * @param extraPaths     paths besides {@code /internal/**} that accept only service tokens (the storage nodes:
 *                       their whole chunk API)
 * @param refreshBefore  a cached token is replaced this long before it expires
 * @param connectTimeout to the token endpoint
 * @param readTimeout    for the token endpoint's answer
 */
@ConfigurationProperties("smartlink.security.service")
public record ServiceTokenProperties(
        String clientId,
        String clientSecret,
        @DefaultValue("http://user-service/oauth2/token") URI tokenUri,
        String audience,
        @DefaultValue List<String> extraPaths,
        @DefaultValue("60s") Duration refreshBefore,
        @DefaultValue("2s") Duration connectTimeout,
        @DefaultValue("5s") Duration readTimeout) {

    /** The paths every service guards with service tokens. */
    public static final String INTERNAL_PATHS = "/internal/**";

    public ServiceTokenProperties {
        clientId = blankToNull(clientId);
        clientSecret = blankToNull(clientSecret);
        audience = blankToNull(audience);
        extraPaths = extraPaths == null ? List.of() : List.copyOf(extraPaths);
    }

    /** {@code /internal/**} and the extra paths. */
    public List<String> paths() {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(INTERNAL_PATHS), extraPaths.stream())
                .distinct().toList();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** Never prints the secret. */
    @Override
    public String toString() {
        return "ServiceTokenProperties[clientId=" + clientId + ", clientSecret=" + (clientSecret == null ? "none" : "***")
                + ", tokenUri=" + tokenUri + ", audience=" + audience + ", extraPaths=" + extraPaths + "]";
    }
}
