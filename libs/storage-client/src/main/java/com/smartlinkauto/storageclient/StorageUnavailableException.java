package com.smartlinkauto.storageclient;

import java.net.URI;

import org.springframework.http.HttpStatus;

import com.smartlinkauto.servicedefaults.problem.ApiException;
import com.smartlinkauto.servicedefaults.problem.ProblemTypes;

/**
 * 503: the storage network cannot serve the call now (controller unreachable or without an instance,
 * time-out, a 5xx answer, or the {@code storage} circuit breaker is open). Nothing about the network's
 * internals is in the detail; the cause is kept for the logs.
 */
public class StorageUnavailableException extends ApiException {

    public static final URI TYPE = ProblemTypes.of("storage-unavailable");

    public StorageUnavailableException(String detail) {
        super(HttpStatus.SERVICE_UNAVAILABLE, TYPE, detail);
    }

    public StorageUnavailableException(String detail, Throwable cause) {
        this(detail);
        initCause(cause);
    }
}
