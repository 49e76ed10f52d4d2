package com.smartlinkauto.servicedefaults;

import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;

import org.slf4j.MDC;

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

    /**
     * Work handed to another thread keeps the calling thread's request id in its log lines (and in the
     * requests it makes): the id is captured now and set in the MDC while the task runs.
     */
    public static Runnable carry(Runnable task) {
        String requestId = MDC.get(MDC_KEY);
        return () -> {
            if (requestId != null) {
                MDC.put(MDC_KEY, requestId);
            }
            try {
                task.run();
            }
            finally {
                MDC.remove(MDC_KEY);
            }
        };
    }

    /** {@link #carry(Runnable)} for a task with a result. */
    public static <T> Callable<T> carry(Callable<T> task) {
        String requestId = MDC.get(MDC_KEY);
        return () -> {
            if (requestId != null) {
                MDC.put(MDC_KEY, requestId);
            }
            try {
                return task.call();
            }
            finally {
                MDC.remove(MDC_KEY);
            }
        };
    }
}
