package com.smartlinkauto.gateway.revocation;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotNull;

/**
 * @param enabled          check bearer tokens against user-service's deny list in Redis
 * @param timeout          longest wait for Redis per request before the token counts as unchecked
 * @param whenUnavailable  what an unchecked token gets: {@code ALLOW} (default; the token is otherwise
 *                         valid and expires within the access-token lifetime) or {@code REFUSE} (503)
 */
@Validated
@ConfigurationProperties("smartlink.gateway.token-revocation")
record TokenRevocationProperties(@DefaultValue("true") boolean enabled,
        @DefaultValue("500ms") @NotNull Duration timeout,
        @DefaultValue("ALLOW") @NotNull WhenUnavailable whenUnavailable) {

    enum WhenUnavailable {
        ALLOW, REFUSE
    }
}
