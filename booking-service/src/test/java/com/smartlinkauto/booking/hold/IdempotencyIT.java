package com.smartlinkauto.booking.hold;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.smartlinkauto.booking.BookingApi;
import com.smartlinkauto.booking.BookingTestSupport;
import com.smartlinkauto.booking.VehicleServiceStub;

/**
 * Stripe's rules for {@code Idempotency-Key}, per renter: the same key and body replay the stored answer byte for
 * byte, another body is a 422, a key still in flight a 409, and another renter's identical key is their own.
 */
class IdempotencyIT extends BookingTestSupport {

    @Autowired
    private IdempotencyKeyPurge purge;

    private final Instant pickup = minuteIn(Duration.ofDays(4));
    private final Instant ret = pickup.plus(Duration.ofDays(2));

    @Test
    void theSameKeyAndBodyReplayTheStoredAnswerByteForByte() {
        VehicleServiceStub.Vehicle vehicle = vehicles.bookable();
        Party renter = renter();
        String key = "replay-" + UUID.randomUUID();
        BookingApi.Reply first = hold(renter, key, vehicle.id(), pickup, ret).expect(201);
        int callsAfterFirst = vehicles.calls(vehicle.id());

        BookingApi.Reply again = hold(renter, key, vehicle.id(), pickup, ret).expect(201);
        assertThat(again.bytes()).isEqualTo(first.bytes());
        assertThat(again.header("Idempotent-Replayed")).hasValue("true");
        assertThat(again.header("Location")).isEqualTo(first.header("Location"));
        // the same instants written another way (fields reordered, milliseconds) are the same request
        String millis = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
                .withZone(java.time.ZoneOffset.UTC).format(ret);
        again = api.post("/api/bookings").token(renter.token()).header("Idempotency-Key", key)
                .json("{\"returnAt\":\"" + millis + "\",\"vehicleId\":\"" + vehicle.id() + "\",\"pickupAt\":\""
                        + pickup + "\"}")
                .send().expect(201);
        assertThat(again.bytes()).isEqualTo(first.bytes());
        // a replay asks nobody and writes nothing
        assertThat(vehicles.calls(vehicle.id())).isEqualTo(callsAfterFirst);
        assertThat(count("select count(*) from bookings where vehicle_id = ?", vehicle.id())).isEqualTo(1);
        assertThat(count("select count(*) from idempotency_keys where renter_id = ?", renter.id())).isEqualTo(1);
    }

    @Test
    void theSameKeyWithAnotherBodyIsA422AndChangesNothing() {
        VehicleServiceStub.Vehicle vehicle = vehicles.bookable();
        Party renter = renter();
        String key = "mismatch-" + UUID.randomUUID();
        hold(renter, key, vehicle.id(), pickup, ret).expect(201);
        hold(renter, key, vehicle.id(), pickup, ret.plus(Duration.ofDays(1))).problem(422, "idempotency-key-reused");
        hold(renter, key, vehicles.bookable().id(), pickup, ret).problem(422, "idempotency-key-reused");
        assertThat(count("select count(*) from bookings where renter_id = ?", renter.id())).isEqualTo(1);
    }

    @Test
    void aKeyStillInFlightIsA409ThenItsAnswerReplays() {
        VehicleServiceStub.Vehicle vehicle = vehicles.bookable();
        vehicles.delay(vehicle.id(), Duration.ofMillis(1200)); // within the 10 s read time-out
        Party renter = renter();
        String key = "in-flight-" + UUID.randomUUID();
        CompletableFuture<BookingApi.Reply> first = CompletableFuture
                .supplyAsync(() -> hold(renter, key, vehicle.id(), pickup, ret));
        // the first request is waiting for vehicle-service now
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> vehicles.calls(vehicle.id()) > 0);

        hold(renter, key, vehicle.id(), pickup, ret).problem(409, "idempotency-key-in-flight");
        // with another body too: the first request is not finished, so it cannot be compared yet
        hold(renter, key, vehicle.id(), pickup, ret.plus(Duration.ofDays(1))).problem(409, "idempotency-key-in-flight");

        BookingApi.Reply created = first.join().expect(201);
        BookingApi.Reply replay = hold(renter, key, vehicle.id(), pickup, ret).expect(201);
        assertThat(replay.bytes()).isEqualTo(created.bytes());
        assertThat(count("select count(*) from bookings where vehicle_id = ?", vehicle.id())).isEqualTo(1);
    }

    @Test
    void anotherRentersSameKeyIsTheirOwn() {
        VehicleServiceStub.Vehicle vehicle = vehicles.bookable();
        String key = "shared-" + UUID.randomUUID();
        Party first = renter();
        Party second = renter();
        BookingApi.Reply mine = hold(first, key, vehicle.id(), pickup, ret).expect(201);
        // the same key and body from someone else is a new request: it meets the first hold, not its answer
        BookingApi.Reply theirs = hold(second, key, vehicle.id(), pickup, ret).problem(409, "booking-conflict");
        assertThat(theirs.header("Idempotent-Replayed")).isEmpty();
        assertThat(theirs.body()).doesNotContain(mine.text("id"));
        // and with another body it holds
        hold(second, key, vehicle.id(), ret.plus(Duration.ofDays(1)), ret.plus(Duration.ofDays(2))).expect(201);
        assertThat(count("select count(*) from idempotency_keys where idempotency_key = ?", key)).isEqualTo(2);
    }

    @Test
    void aRefusedRequestDoesNotSpendItsKey() {
        VehicleServiceStub.Vehicle vehicle = vehicles.bookable();
        hold(renter(), vehicle.id(), pickup, ret).expect(201);
        Party renter = renter();
        String key = "refused-" + UUID.randomUUID();
        hold(renter, key, vehicle.id(), pickup, ret).problem(409, "booking-conflict");
        // Stripe saves no result for a request that conflicted: the key takes another body now
        hold(renter, key, vehicle.id(), ret.plus(Duration.ofDays(1)), ret.plus(Duration.ofDays(2))).expect(201);
    }

    @Test
    void keysArePurgedAfterTheirRetention() {
        VehicleServiceStub.Vehicle vehicle = vehicles.bookable();
        Party renter = renter();
        String key = "old-" + UUID.randomUUID();
        hold(renter, key, vehicle.id(), pickup, ret).expect(201);
        jdbc.sql("update idempotency_keys set created_at = now() - interval '25 hours' where renter_id = ?")
                .param(renter.id()).update();
        purge.purge();
        assertThat(count("select count(*) from idempotency_keys where renter_id = ?", renter.id())).isZero();
        // the booking stays; the key is new again (and now meets that booking)
        assertThat(count("select count(*) from bookings where renter_id = ?", renter.id())).isEqualTo(1);
        hold(renter, key, vehicle.id(), pickup, ret).problem(409, "booking-conflict");
    }
}
