package com.smartlinkauto.user;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.smartlinkauto.testsupport.storage.InMemoryStorageServer;

/**
 * What every user-service IT starts from: the port of the running service and an HTTP client for it. The
 * storage network is the in-memory stand-in {@link #STORAGE} (one per test JVM; declared here, so every IT
 * still shares one Spring context).
 */
public abstract class ApiTestSupport {

    protected static final InMemoryStorageServer STORAGE = new InMemoryStorageServer().start();

    @Value("${local.server.port}")
    protected int port;

    protected Api api;

    @DynamicPropertySource
    static void storageStandIn(DynamicPropertyRegistry registry) {
        registry.add("smartlink.storage-client.base-url", STORAGE::baseUrl);
    }

    @BeforeEach
    void apiClient() {
        api = new Api(port);
        // the stand-in checks user-service's own service tokens against its JWKS, as the controller does
        STORAGE.trustJwkSetUri("http://127.0.0.1:" + port + "/.well-known/jwks.json");
    }
}
