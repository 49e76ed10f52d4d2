package com.smartlinkauto.user;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Value;

/** What every user-service IT starts from: the port of the running service and an HTTP client for it. */
public abstract class ApiTestSupport {

    @Value("${local.server.port}")
    protected int port;

    protected Api api;

    @BeforeEach
    void apiClient() {
        api = new Api(port);
    }
}
