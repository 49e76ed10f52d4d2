package com.smartlinkauto.user.partner.document;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * {@code smartlink.users.documents.*}: what one partner may keep in verification documents. Anyone can sign
 * up as a partner, so this bounds what an unverified account can put into the storage network.
 *
 * @param maxCount      documents per partner (further uploads: 409 {@code document-limit-reached})
 * @param maxTotalBytes their total size (further uploads: 409 {@code quota-exceeded})
 */
@Validated
@ConfigurationProperties("smartlink.users.documents")
public record DocumentQuotaProperties(@DefaultValue("30") @Min(1) @Max(1000) int maxCount,
        @DefaultValue("50MB") @NotNull DataSize maxTotalBytes) {
}
