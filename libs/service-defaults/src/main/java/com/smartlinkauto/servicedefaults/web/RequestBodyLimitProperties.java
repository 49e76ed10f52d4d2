package com.smartlinkauto.servicedefaults.web;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits of {@link RequestBodyLimitFilter}.
 *
 * @param enabled    cap request bodies at all
 * @param maxSize    the largest non-multipart request body (JSON, text, raw bytes) an endpoint takes unless
 *                   {@code pathLimits} says otherwise
 * @param pathLimits per path (Ant pattern, e.g. {@code "[/api/storage/files]": -1}; the first match in
 *                   order wins): another limit, or a negative size for none (an endpoint that streams its
 *                   body and enforces its own limit)
 */
@ConfigurationProperties("smartlink.web.request-body")
public record RequestBodyLimitProperties(@DefaultValue("true") boolean enabled,
        @DefaultValue("1MB") DataSize maxSize, Map<String, DataSize> pathLimits) {

    public RequestBodyLimitProperties {
        pathLimits = pathLimits == null ? Map.of() : new LinkedHashMap<>(pathLimits);
    }
}
