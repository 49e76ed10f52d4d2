package com.smartlinkauto.gateway.limits;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotNull;

/**
 * @param defaultMax the largest request body a route takes unless its metadata says otherwise
 *                   ({@value RequestSizeFilter#METADATA_KEY}); JSON APIs need far less than this
 */
@Validated
@ConfigurationProperties("smartlink.gateway.request-size")
record RequestSizeProperties(@DefaultValue("64KB") @NotNull DataSize defaultMax) {
}
