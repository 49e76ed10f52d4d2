package com.smartlinkauto.gateway.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotBlank;

/**
 * @param jwkSetUri where the token signer's public keys are; {@code user-service} is resolved by discovery
 * @param issuer    the {@code iss} every access token must carry
 */
@Validated
@ConfigurationProperties("smartlink.security")
record GatewaySecurityProperties(
        @DefaultValue("http://user-service/.well-known/jwks.json") @NotBlank String jwkSetUri,
        @DefaultValue("smartlink-user-service") @NotBlank String issuer) {
}
