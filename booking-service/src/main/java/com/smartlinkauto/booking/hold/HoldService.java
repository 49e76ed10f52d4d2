package com.smartlinkauto.booking.hold;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import com.smartlinkauto.booking.bookings.Booking;
import com.smartlinkauto.booking.bookings.BookingEvents;
import com.smartlinkauto.booking.bookings.BookingStore;
import com.smartlinkauto.booking.bookings.BookingView;
import com.smartlinkauto.booking.bookings.Stay;
import com.smartlinkauto.booking.config.BookingProperties;
import com.smartlinkauto.booking.pricing.Pricing;
import com.smartlinkauto.booking.pricing.Quote;
import com.smartlinkauto.booking.shared.BookingProblems;
import com.smartlinkauto.booking.shared.Caller;
import com.smartlinkauto.booking.vehicle.VehicleCatalog;
import com.smartlinkauto.booking.vehicle.VehicleSnapshot;
import com.smartlinkauto.servicedefaults.problem.ApiException;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import tools.jackson.databind.json.JsonMapper;

/**
 * A hold, in this order: the idempotency key (a stored answer is replayed, or 422 for another body), the dates'
 * rules, the key marked in flight (409 while another request with it runs), vehicle-service's read (404, 409 not
 * bookable or blacked out, 403 own vehicle, 503), the price, the vehicle's Redis lock (423 when taken), and one
 * transaction: the key's advisory lock, this vehicle's lapsed holds expired, the hold inserted with
 * {@code ON CONFLICT DO NOTHING} (no row: 409 naming the booking in the way), the key and its answer stored, the
 * events written to the outbox. Nothing is written before that transaction, and the lock is never held across a
 * remote call.
 */
@Service
class HoldService {

    static final int CREATED = 201;

    /** The answer to send: a new hold or a replayed one. */
    record Answer(int status, UUID bookingId, byte[] body, boolean replayed) {
    }

    private final IdempotencyKeys keys;
    private final InFlightKeys inFlight;
    private final VehicleLocks locks;
    private final VehicleCatalog vehicles;
    private final Pricing pricing;
    private final BookingStore store;
    private final BookingEvents events;
    private final TransactionTemplate tx;
    private final BookingProperties properties;
    private final JsonMapper json;
    private final Clock clock;
    private final MeterRegistry meters;

    HoldService(IdempotencyKeys keys, InFlightKeys inFlight, VehicleLocks locks, VehicleCatalog vehicles,
            Pricing pricing, BookingStore store, BookingEvents events, TransactionTemplate tx,
            BookingProperties properties, JsonMapper json, Clock clock, MeterRegistry meters) {
        this.keys = keys;
        this.inFlight = inFlight;
        this.locks = locks;
        this.vehicles = vehicles;
        this.pricing = pricing;
        this.store = store;
        this.events = events;
        this.tx = tx;
        this.properties = properties;
        this.json = json;
        this.clock = clock;
        this.meters = meters;
    }

    Answer hold(Caller caller, String key, HoldRequest request) {
        Timer.Sample sample = Timer.start(meters);
        String outcome = "error";
        try {
            Answer answer = decide(caller.id(), key, request);
            outcome = answer.replayed() ? "replayed" : "created";
            return answer;
        }
        catch (ApiException ex) {
            outcome = outcome(ex);
            throw ex;
        }
        finally {
            Counter.builder("smartlink.bookings.holds")
                    .description("Hold requests by outcome: created, replayed, conflict (409 slot taken), locked (423), "
                            + "in_flight (409), key_reused (422), refused (other 4xx), unavailable (503), error")
                    .tag("outcome", outcome).register(meters).increment();
            sample.stop(Timer.builder("smartlink.bookings.hold.latency")
                    .description("Time to answer a hold request").tag("outcome", outcome)
                    .publishPercentileHistogram().register(meters));
        }
    }

    private Answer decide(UUID renterId, String key, HoldRequest request) {
        String fingerprint = request.fingerprint();
        Optional<IdempotencyKeys.Stored> stored = keys.find(renterId, key);
        if (stored.isPresent()) {
            return replay(stored.get(), fingerprint);
        }
        Stay stay = Stay.of(request.pickupAt(), request.returnAt(), properties.rules(), now());
        InFlightKeys.Flight flight = inFlight.begin(renterId, key);
        try {
            if (flight.mark() == InFlightKeys.Mark.TAKEN) {
                // the other request may have finished just now
                return keys.find(renterId, key).map(s -> replay(s, fingerprint))
                        .orElseThrow(BookingProblems::keyInFlight);
            }
            VehicleSnapshot vehicle = vehicles.get(request.vehicleId());
            if (vehicle.partnerId().equals(renterId)) {
                throw BookingProblems.ownVehicle(vehicle.id());
            }
            if (!vehicle.bookable()) {
                throw BookingProblems.notBookable(vehicle.id());
            }
            vehicle.blackoutOverlapping(stay.pickupAt(), stay.returnAt()).ifPresent(b -> {
                throw BookingProblems.blackedOut(vehicle.id(), b.from(), b.to());
            });
            Quote quote = pricing.quote(vehicle, stay);
            VehicleLocks.Held lock = locks.tryLock(vehicle.id())
                    .orElseThrow(() -> BookingProblems.vehicleLocked(vehicle.id(), properties.lock().retryAfter()));
            Decision decision;
            try (lock) {
                decision = tx.execute(status -> insert(renterId, key, fingerprint, vehicle, stay, quote));
            }
            return decision.answer();
        }
        finally {
            flight.end();
        }
    }

    /** The one transaction of a hold. */
    private Decision insert(UUID renterId, String key, String fingerprint, VehicleSnapshot vehicle, Stay stay,
            Quote quote) {
        if (!keys.tryLock(renterId, key)) {
            return Decision.failed(BookingProblems.keyInFlight());
        }
        Optional<IdempotencyKeys.Stored> stored = keys.find(renterId, key);
        if (stored.isPresent()) {
            // another instance finished this key while we were asking vehicle-service
            return Decision.of(() -> replay(stored.get(), fingerprint));
        }
        Instant now = now();
        store.expireLapsedHolds(vehicle.id(), now).forEach(events::changed);
        Optional<Booking> held = store.insertHeld(new BookingStore.NewHold(UUID.randomUUID(), vehicle.id(), renterId,
                vehicle.partnerId(), stay, vehicle.turnaroundMinutes(), quote.days(), quote.pricePerDayMinor(),
                quote.subtotalMinor(), quote.serviceFeeMinor(), quote.totalMinor(), quote.currency(),
                now.plus(properties.holdDuration()), now, vehicle.city()));
        if (held.isEmpty()) {
            // the expiries above still commit; nothing else was written
            Optional<BookingStore.Busy> busy = store.firstBlocking(vehicle.id(), stay.pickupAt(),
                    stay.blockedUntil(vehicle.turnaroundMinutes()));
            return Decision.failed(BookingProblems.conflict(vehicle.id(), stay.pickupAt(), stay.returnAt(),
                    busy.map(BookingStore.Busy::from).orElse(null), busy.map(BookingStore.Busy::until).orElse(null)));
        }
        Booking booking = held.get();
        byte[] body = json.writeValueAsBytes(BookingView.of(booking));
        keys.insert(renterId, key, fingerprint, booking.id(), CREATED, body, now);
        events.changed(booking);
        Answer answer = new Answer(CREATED, booking.id(), body, false);
        return Decision.of(() -> answer);
    }

    /** What the transaction decided, answered (or thrown) after it committed. */
    private interface Decision {

        Answer answer();

        static Decision of(Supplier<Answer> answer) {
            return answer::get;
        }

        static Decision failed(ApiException problem) {
            return () -> {
                throw problem;
            };
        }
    }

    private static Answer replay(IdempotencyKeys.Stored stored, String fingerprint) {
        if (!stored.requestHash().equals(fingerprint)) {
            throw BookingProblems.keyReused();
        }
        return new Answer(stored.status(), stored.bookingId(), stored.body(), true);
    }

    private static String outcome(ApiException ex) {
        if (ex.type().equals(BookingProblems.BOOKING_CONFLICT)) {
            return "conflict";
        }
        if (ex.type().equals(BookingProblems.VEHICLE_LOCKED)) {
            return "locked";
        }
        if (ex.type().equals(BookingProblems.IDEMPOTENCY_KEY_IN_FLIGHT)) {
            return "in_flight";
        }
        if (ex.type().equals(BookingProblems.IDEMPOTENCY_KEY_REUSED)) {
            return "key_reused";
        }
        return ex.status().is5xxServerError() ? "unavailable" : "refused";
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
