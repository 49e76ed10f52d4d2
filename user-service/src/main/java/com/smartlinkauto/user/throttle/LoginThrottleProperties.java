package com.smartlinkauto.user.throttle;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * Failed-login budgets. Each budget refills evenly over its window: with 5 per 15 minutes an account
 * that used them all may try again every 3 minutes. A successful login restores the account's budget.
 */
@Validated
@ConfigurationProperties("smartlink.users.login-throttle")
public record LoginThrottleProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("5") @Min(1) int accountMaxFailures,
        @DefaultValue("15m") @NotNull Duration accountWindow,
        @DefaultValue("20") @Min(1) int addressMaxFailures,
        @DefaultValue("15m") @NotNull Duration addressWindow) {
}
