package com.smartlinkauto.vehicle.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.Ordered;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.smartlinkauto.contracts.events.booking.BookingEventTypes;
import com.smartlinkauto.vehicle.VehicleTestSupport;
import com.smartlinkauto.vehicle.catalog.VehiclesChanged;

/**
 * Invalidation in one place: writers publish {@link VehiclesChanged} and {@link CacheInvalidation} bumps the
 * namespaces once their transaction commits — never for a rolled-back one — for the requests' writes (in time for
 * the writer's next read) and for the changes Kafka consumers apply.
 */
class CacheInvalidationIT extends VehicleTestSupport {

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    TransactionTemplate tx;

    @Autowired
    CacheInvalidation invalidation;

    private String version(String namespace) {
        return redis.opsForValue().get(VehicleCache.versionKey(namespace));
    }

    @Test
    void aChangeIsInvalidatedAfterItsCommitAndNeverWhenItRollsBack() {
        UUID vehicle = UUID.randomUUID();
        String city = "Inv-" + vehicle.toString().substring(0, 8);
        VehiclesChanged change = new VehiclesChanged(List.of(new VehiclesChanged.Place(vehicle, city, 10.5, 20.5)));
        String namespace = CacheNamespaces.vehicle(vehicle);

        tx.executeWithoutResult(status -> {
            events.publishEvent(change);
            assertThat(version(namespace)).as("not before the commit").isNull();
            status.setRollbackOnly();
        });
        assertThat(version(namespace)).as("never for a rolled-back change").isNull();
        assertThat(version(CacheNamespaces.city(city))).isNull();

        tx.executeWithoutResult(status -> {
            events.publishEvent(change);
            // runs last before the commit: nothing may have been bumped yet
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void beforeCommit(boolean readOnly) {
                    assertThat(version(namespace)).as("not before the commit").isNull();
                }

                @Override
                public int getOrder() {
                    return Ordered.LOWEST_PRECEDENCE;
                }
            });
        });
        String committed = version(namespace);
        assertThat(committed).as("right after the commit").isNotNull();
        assertThat(version(CacheNamespaces.city(city))).isNotNull();

        // published outside a transaction: at once
        events.publishEvent(change);
        assertThat(Long.parseLong(version(namespace))).isGreaterThan(Long.parseLong(committed));
    }

    @Test
    void aConsumersChangeIsInvalidatedAfterItsCommitWithoutAPublicationRecord() {
        UUID vehicle = UUID.randomUUID();
        String city = "Cons-" + vehicle.toString().substring(0, 8);
        VehiclesChanged change = new VehiclesChanged(List.of(new VehiclesChanged.Place(vehicle, city, 1.5, 2.5)));
        String namespace = CacheNamespaces.vehicle(vehicle);

        tx.executeWithoutResult(status -> {
            invalidation.afterConsumerCommit(change);
            status.setRollbackOnly();
        });
        assertThat(version(namespace)).as("never for a rolled-back change").isNull();

        tx.executeWithoutResult(status -> {
            invalidation.afterConsumerCommit(change);
            assertThat(version(namespace)).as("not before the commit").isNull();
        });
        String committed = version(namespace);
        assertThat(committed).as("right after the commit").isNotNull();
        assertThat(version(CacheNamespaces.city(city))).isNotNull();
        assertThat(jdbc.sql("select count(*) from event_publication where serialized_event like :city")
                .param("city", "%" + city + "%").query(Long.class).single())
                .as("no event publication record").isZero();

        // outside a transaction: at once, and every bump raises the version
        invalidation.afterConsumerCommit(change);
        assertThat(Long.parseLong(version(namespace))).isGreaterThan(Long.parseLong(committed));
    }

    @Test
    void everyWriterInvalidatesTheVehiclesPlacesAndAMoveBothOfThem() {
        Partner owner = verifiedPartner();
        String run = UUID.randomUUID().toString().substring(0, 8);
        String cityA = "InvA-" + run;
        String cityB = "InvB-" + run;
        Map<String, Object> body = listing();
        body.put("location", location(cityA, "DE", 48.1, 11.5));
        UUID id = bookable(owner, body);
        String vehicle = CacheNamespaces.vehicle(id);

        // the owner's move: the old city (which vehicle.events cannot name any more) and the new one, at once
        String before = version(vehicle);
        String oldCity = version(CacheNamespaces.city(cityA));
        api.patch("/api/vehicles/" + id, Map.of("location", location(cityB, "DE", 52.5, 13.4)), owner.token())
                .assertStatus(200);
        assertThat(version(vehicle)).isNotEqualTo(before);
        assertThat(version(CacheNamespaces.city(cityA))).as("the old city").isNotEqualTo(oldCity);
        assertThat(version(CacheNamespaces.city(cityB))).as("the new city").isNotNull();
        assertThat(version(CacheNamespaces.cell(48.1, 11.5))).as("the old cell").isNotNull();

        // a blackout
        before = version(vehicle);
        Instant day = Instant.now().plus(Duration.ofDays(5)).truncatedTo(ChronoUnit.DAYS);
        api.post("/api/vehicles/" + id + "/blackouts",
                Map.of("from", day.toString(), "to", day.plus(Duration.ofDays(1)).toString()), owner.token())
                .assertStatus(201);
        assertThat(version(vehicle)).isNotEqualTo(before);

        // an admin's status change
        before = version(vehicle);
        api.patch("/api/admin/vehicles/" + id + "/status", Map.of("status", "SUSPENDED", "reason", "checks"), admin)
                .assertStatus(200);
        assertThat(version(vehicle)).isNotEqualTo(before);
        api.patch("/api/admin/vehicles/" + id + "/status", Map.of("status", "ACTIVE"), admin).assertStatus(200);

        // a booking from booking.events, applied by its consumer
        String beforeBooking = version(vehicle);
        UUID booking = UUID.randomUUID();
        publishBooking(BookingEventTypes.BOOKING_CONFIRMED, booking(booking, id, "CONFIRMED",
                day.plus(Duration.ofDays(3)), day.plus(Duration.ofDays(4)), 1));
        awaitBooking(booking, 1);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !version(vehicle).equals(beforeBooking));

        // the partner cascade from user.events
        String beforeCascade = version(vehicle);
        partnerStatus(owner.id(), "REJECTED");
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !version(vehicle).equals(beforeCascade));
        assertThat(status(id)).isEqualTo("SUSPENDED");
    }
}
