package com.smartlinkauto.booking.vehicle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.cloud.client.loadbalancer.LoadBalancerClient;
import org.springframework.cloud.client.loadbalancer.LoadBalancerRequestFactory;

import com.smartlinkauto.booking.VehicleServiceStub;
import com.smartlinkauto.booking.config.BookingProperties;
import com.smartlinkauto.booking.shared.RetryLaterException;
import com.smartlinkauto.servicedefaults.problem.ApiException;
import com.smartlinkauto.servicedefaults.servicetoken.ServiceTokens;
import com.smartlinkauto.testsupport.security.TestTokens;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * The vehicle read against vehicle-service's API over real HTTP (a stub that checks the service token): the short
 * cache, 404 versus unavailable, and the circuit breaker that stops asking a failing vehicle-service.
 */
class HttpVehicleCatalogTest {

    private static final VehicleServiceStub STUB = new VehicleServiceStub();

    @AfterAll
    static void stop() {
        STUB.close();
    }

    private static VehicleCatalog catalog(ServiceTokens tokens, Duration cacheTtl) {
        BookingProperties defaults = new org.springframework.boot.context.properties.bind.Binder(
                new org.springframework.boot.context.properties.source.MapConfigurationPropertySource(java.util.Map.of(
                        "smartlink.bookings.vehicles.base-url", STUB.baseUrl(),
                        "smartlink.bookings.vehicles.cache-ttl", cacheTtl.toMillis() + "ms")))
                .bindOrCreate("smartlink.bookings", BookingProperties.class);
        assertThat(defaults.vehicles().baseUrl()).isEqualTo(URI.create(STUB.baseUrl()));
        ObjectProvider<LoadBalancerClient> noLoadBalancer = new StaticListableBeanFactory()
                .getBeanProvider(LoadBalancerClient.class);
        ObjectProvider<LoadBalancerRequestFactory> noFactory = new StaticListableBeanFactory()
                .getBeanProvider(LoadBalancerRequestFactory.class);
        return new VehicleCatalogConfiguration().vehicleCatalog(defaults, tokens, noLoadBalancer, noFactory,
                new SimpleMeterRegistry());
    }

    @Test
    void readsTheVehicleAndItsBlackoutsWithAServiceTokenAndKeepsThemBriefly() {
        VehicleServiceStub.Vehicle vehicle = STUB.put(STUB.bookable().withBlackouts(List.of(new VehicleServiceStub
                .Blackout(java.time.Instant.parse("2030-01-01T00:00:00Z"), java.time.Instant.parse("2030-01-03T00:00:00Z")))));
        VehicleCatalog catalog = catalog(TestTokens.serviceTokens("booking-service"), Duration.ofMinutes(5));
        VehicleSnapshot snapshot = catalog.get(vehicle.id());
        assertThat(snapshot.partnerId()).isEqualTo(vehicle.partnerId());
        assertThat(snapshot.pricePerDay()).isEqualByComparingTo("49.90");
        assertThat(snapshot.turnaroundMinutes()).isEqualTo(60);
        assertThat(snapshot.bookable()).isTrue();
        assertThat(snapshot.blackouts()).hasSize(1);
        assertThat(snapshot.city()).isEqualTo(VehicleServiceStub.DEFAULT_CITY);
        assertThat(STUB.calls(vehicle.id())).as("one remote read per vehicle").isEqualTo(1);
        for (int i = 0; i < 20; i++) {
            catalog.get(vehicle.id());
        }
        assertThat(STUB.calls(vehicle.id())).as("served from the cache").isEqualTo(1);
    }

    @Test
    void aVehicleServiceWithoutBlackoutsInItsVehicleReadIsAskedForThemSeparately() {
        VehicleServiceStub.Vehicle vehicle = STUB.put(STUB.bookable().withBlackouts(List.of(new VehicleServiceStub
                .Blackout(java.time.Instant.parse("2030-02-01T00:00:00Z"), java.time.Instant.parse("2030-02-02T00:00:00Z")))));
        STUB.legacy(true);
        try {
            VehicleSnapshot snapshot = catalog(TestTokens.serviceTokens("booking-service"), Duration.ZERO)
                    .get(vehicle.id());
            assertThat(snapshot.blackouts()).extracting(VehicleSnapshot.Blackout::from)
                    .containsExactly(java.time.Instant.parse("2030-02-01T00:00:00Z"));
            assertThat(snapshot.city()).as("an older vehicle-service names no city").isNull();
            assertThat(STUB.calls(vehicle.id())).isEqualTo(2);
        }
        finally {
            STUB.legacy(false);
        }
    }

    @Test
    void anUnknownVehicleIsA404AndARefusedTokenIsUnavailable() {
        VehicleCatalog catalog = catalog(TestTokens.serviceTokens("booking-service"), Duration.ZERO);
        assertThatThrownBy(() -> catalog.get(UUID.randomUUID())).isInstanceOfSatisfying(ApiException.class,
                ex -> assertThat(ex.status().value()).isEqualTo(404));
        // a token for another audience: vehicle-service says 401, which is no answer about the vehicle
        ServiceTokens wrongAudience = new ServiceTokens() {

            @Override
            public String token(String audience) {
                return TestTokens.service("booking-service", "storage-controller-service");
            }

            @Override
            public void invalidate(String audience) {
            }
        };
        int refusedBefore = STUB.refused();
        VehicleServiceStub.Vehicle vehicle = STUB.bookable();
        assertThatThrownBy(() -> catalog(wrongAudience, Duration.ZERO).get(vehicle.id()))
                .isInstanceOfSatisfying(RetryLaterException.class, ex -> {
                    assertThat(ex.status().value()).isEqualTo(503);
                    assertThat(ex.retryAfterSeconds()).isPositive();
                });
        assertThat(STUB.refused()).isEqualTo(refusedBefore + 1);
    }

    @Test
    void aPartnersVehiclesAreReadAPageAtATimeAndAFailureIsUnavailable() {
        UUID partner = UUID.randomUUID();
        VehicleServiceStub.Vehicle older = STUB.put(new VehicleServiceStub.Vehicle(UUID.randomUUID(), partner, "ACTIVE",
                true, new java.math.BigDecimal("49.90"), "EUR", 60, List.of()));
        VehicleServiceStub.Vehicle newer = STUB.put(new VehicleServiceStub.Vehicle(UUID.randomUUID(), partner,
                "PENDING_REVIEW", false, new java.math.BigDecimal("49.90"), "EUR", 60, List.of()));
        STUB.bookable(); // someone else's
        VehicleCatalog catalog = catalog(TestTokens.serviceTokens("booking-service"), Duration.ZERO);

        PartnerVehicles all = catalog.partnerVehicles(partner, 0, 20);
        assertThat(all.totalElements()).isEqualTo(2);
        assertThat(all.items()).extracting(PartnerVehicles.Vehicle::id).containsExactly(newer.id(), older.id());
        PartnerVehicles.Vehicle first = all.items().get(0);
        assertThat(first.make()).isEqualTo(VehicleServiceStub.MAKE);
        assertThat(first.model()).isEqualTo(VehicleServiceStub.model(newer.id()));
        assertThat(first.licensePlate()).isEqualTo(VehicleServiceStub.plate(newer.id()));
        assertThat(first.status()).isEqualTo("PENDING_REVIEW");
        assertThat(first.bookable()).isFalse();
        assertThat(catalog.partnerVehicles(partner, 1, 1).items()).extracting(PartnerVehicles.Vehicle::id)
                .containsExactly(older.id());
        assertThat(catalog.partnerVehicles(UUID.randomUUID(), 0, 20).items()).isEmpty();

        STUB.behavePartner(partner, VehicleServiceStub.Behaviour.FAILING);
        try {
            assertThatThrownBy(() -> catalog.partnerVehicles(partner, 0, 20))
                    .isInstanceOfSatisfying(RetryLaterException.class,
                            ex -> assertThat(ex.status().value()).isEqualTo(503));
        }
        finally {
            STUB.behavePartner(partner, VehicleServiceStub.Behaviour.NORMAL);
        }
        int calls = STUB.partnerCalls(partner);
        assertThat(calls).as("two pages and the failed read: nothing cached").isEqualTo(3);
    }

    @Test
    void theBreakerOpensAfterFailuresAndThenAsksNobody() {
        VehicleCatalog catalog = catalog(TestTokens.serviceTokens("booking-service"), Duration.ZERO);
        VehicleServiceStub.Vehicle failing = STUB.bookable();
        STUB.behave(failing.id(), VehicleServiceStub.Behaviour.FAILING);
        for (int i = 0; i < 10; i++) {
            assertThatThrownBy(() -> catalog.get(failing.id())).isInstanceOf(RetryLaterException.class);
        }
        assertThat(STUB.calls(failing.id())).isEqualTo(10);
        // open: a healthy vehicle is not asked for either, and the answer is a quick 503
        VehicleServiceStub.Vehicle healthy = STUB.bookable();
        assertThatThrownBy(() -> catalog.get(healthy.id())).isInstanceOf(RetryLaterException.class);
        assertThat(STUB.calls(failing.id()) + STUB.calls(healthy.id())).isEqualTo(10);
    }

    @Test
    void closingTheContextClosesTheCatalogsConnectionPool() {
        VehicleServiceStub.Vehicle vehicle = STUB.bookable();
        VehicleCatalog catalog;
        try (var context = new org.springframework.context.annotation.AnnotationConfigApplicationContext()) {
            context.registerBean("vehicleCatalog", VehicleCatalog.class,
                    () -> catalog(TestTokens.serviceTokens("booking-service"), Duration.ZERO));
            context.refresh();
            catalog = context.getBean(VehicleCatalog.class);
            assertThat(catalog.get(vehicle.id()).partnerId()).isEqualTo(vehicle.partnerId());
        }
        // the context inferred close() as the destroy method: the pool is shut, nothing reaches vehicle-service
        int calls = STUB.calls(vehicle.id());
        VehicleCatalog closed = catalog;
        assertThatThrownBy(() -> closed.get(vehicle.id())).isInstanceOf(RetryLaterException.class);
        assertThat(STUB.calls(vehicle.id())).isEqualTo(calls);
    }
}
