package com.smartlinkauto.payment.provider;

/**
 * The provider refused or did not answer. {@code retryable}: a network failure, a time-out, a 5xx, a rate limit or
 * an idempotency conflict (the same call may succeed later); otherwise the request itself is wrong and repeating it
 * changes nothing.
 */
public class ProviderException extends RuntimeException {

    private final boolean retryable;

    public ProviderException(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    public boolean retryable() {
        return retryable;
    }
}
