package com.smartlinkauto.servicedefaults;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The correlation id contract shared by the gateway and every service: the {@code X-Request-Id}
 * header, the MDC key it is logged under, and the rule for accepting a client-supplied value.
 */
public final class Correlation {

    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "requestId";

    /** Accept ids a client or the gateway sends only when they cannot forge log lines or headers. */
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private Correlation() {
    }

    /** The incoming id when it is safe to reuse, otherwise a fresh random one. */
    public static String acceptOrGenerate(String incoming) {
        if (incoming != null && SAFE.matcher(incoming).matches()) {
            return incoming;
        }
        return UUID.randomUUID().toString();
    }
}
