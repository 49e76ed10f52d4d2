package com.smartlinkauto.user.keys;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotNull;

/**
 * @param maxAge           the active signing key is rotated once it is this old
 * @param refreshInterval  how often an instance re-reads the key table (picks up another instance's rotation)
 * @param encryptionSecret secret the private keys are encrypted with at rest (AES-256-GCM); when empty
 *                         they are stored unencrypted and a warning is logged
 */
@Validated
@ConfigurationProperties("smartlink.users.keys")
public record KeyProperties(@DefaultValue("30d") @NotNull Duration maxAge,
        @DefaultValue("30s") @NotNull Duration refreshInterval, String encryptionSecret) {

    @Override
    public String toString() {
        return "KeyProperties[maxAge=" + maxAge + ", refreshInterval=" + refreshInterval + "]";
    }
}
