package com.smartlinkauto.servicedefaults.servicetoken;

/** No service token could be had: the token endpoint is unreachable or refused this service's credentials. */
public class ServiceTokenException extends RuntimeException {

    public ServiceTokenException(String message) {
        super(message);
    }

    public ServiceTokenException(String message, Throwable cause) {
        super(message, cause);
    }
}
