package com.smartlinkauto.user;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.smartlinkauto.testsupport.storage.InMemoryStorageServer;
import com.smartlinkauto.user.overview.FakeSource;
import com.smartlinkauto.user.overview.OverviewSamples;

/**
 * What every user-service IT starts from: the port of the running service and an HTTP client for it. The
 * storage network is the in-memory stand-in {@link #STORAGE}; the admin overview's remote sources are the local
 * HTTP servers {@link #VEHICLE_SOURCE}, {@link #BOOKING_SOURCE} and {@link #STORAGE_SOURCE} (one of each per test JVM;
 * declared here, so every IT still shares one Spring context).
 */
public abstract class ApiTestSupport {

    protected static final InMemoryStorageServer STORAGE = new InMemoryStorageServer().start();

    protected static final FakeSource VEHICLE_SOURCE = new FakeSource("/internal/vehicles/stats",
            OverviewSamples.VEHICLES).up();
    protected static final FakeSource BOOKING_SOURCE = new FakeSource("/internal/overview", OverviewSamples.BOOKINGS)
            .up();
    protected static final FakeSource STORAGE_SOURCE = new FakeSource("/internal/storage/stats",
            OverviewSamples.STORAGE).up();

    @Value("${local.server.port}")
    protected int port;

    protected Api api;

    @DynamicPropertySource
    static void storageStandIn(DynamicPropertyRegistry registry) {
        registry.add("smartlink.storage-client.base-url", STORAGE::baseUrl);
        registry.add("smartlink.users.overview.vehicles-url", VEHICLE_SOURCE::baseUrl);
        registry.add("smartlink.users.overview.bookings-url", BOOKING_SOURCE::baseUrl);
        registry.add("smartlink.users.overview.storage-url", STORAGE_SOURCE::baseUrl);
    }

    @BeforeEach
    void apiClient() {
        api = new Api(port);
        // the stand-in checks user-service's own service tokens against its JWKS, as the controller does
        STORAGE.trustJwkSetUri("http://127.0.0.1:" + port + "/.well-known/jwks.json");
    }
}
