package com.smartlinkauto.user.throttle;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * Sign-ups (renter and partner together) per client address. The budget refills evenly over the window:
 * with 10 per hour, an address that used them all may sign up again every 6 minutes.
 */
@Validated
@ConfigurationProperties("smartlink.users.signup-throttle")
public record SignUpThrottleProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("10") @Min(1) int maxPerAddress,
        @DefaultValue("1h") @NotNull Duration window) {
}
