package com.smartlinkauto.user.throttle;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * @param trustedProxyHops how many reverse proxies in front of this service append to
 *                         {@code X-Forwarded-For} (the gateway: 1; ingress + gateway: 2; 0 = the TCP
 *                         peer is the client)
 */
@Validated
@ConfigurationProperties("smartlink.users")
public record ClientAddressProperties(@DefaultValue("1") @Min(0) @Max(10) int trustedProxyHops) {
}
