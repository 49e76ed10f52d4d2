package com.smartlinkauto.user.token;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/**
 * @param issuer          the {@code iss} claim of every access token (validators check it)
 * @param accessTokenTtl  lifetime of an access token (RS256 JWT)
 * @param refreshTokenTtl lifetime of a refresh token; each rotation starts a new one
 */
@Validated
@ConfigurationProperties("smartlink.users.tokens")
public record TokenProperties(@DefaultValue("smartlink-user-service") @NotBlank String issuer,
        @DefaultValue("15m") @NotNull Duration accessTokenTtl,
        @DefaultValue("7d") @NotNull Duration refreshTokenTtl) {
}
