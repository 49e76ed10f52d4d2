package com.smartlinkauto.booking.fleet;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A partner's fleet right now: a page of their vehicles (vehicle-service's order, newest first), each with its
 * rental under way, its next confirmed booking and its holds waiting for payment, and the counts over the whole
 * fleet (every vehicle, not only the page's).
 *
 * @param asOf         when this was computed (it is cached up to a minute; a change of one of the partner's bookings
 *                     makes it stale at once)
 * @param nextChangeAt the next moment the fleet's status changes by the clock alone (a confirmed rental starts or
 *                     ends, a hold lapses), over the whole fleet; null when nothing is pending. The answer is never
 *                     served from the cache past it.
 * @param counts       over the whole fleet
 * @param items        the page's vehicles
 * @param totalElements the partner's vehicles, all pages
 */
public record FleetView(UUID partnerId, Instant asOf, Instant nextChangeAt, Counts counts, List<VehicleStatus> items,
        int page, int size, long totalElements, long totalPages) {

    /**
     * @param vehicles         the partner's vehicles (vehicle-service's count, every status)
     * @param onRent           vehicles with a CONFIRMED rental under way ({@code pickupAt ≤ now < returnAt})
     * @param upcomingBookings CONFIRMED bookings not started yet
     * @param pendingHolds     HELD bookings whose hold has not lapsed (waiting for payment)
     */
    public record Counts(long vehicles, long onRent, long upcomingBookings, long pendingHolds) {
    }

    /**
     * One vehicle and its bookings now.
     *
     * @param status           vehicle-service's status (ACTIVE, PENDING_REVIEW, SUSPENDED, REJECTED, RETIRED)
     * @param bookable         ACTIVE and its partner verified: renters can find and book it
     * @param onRent           the CONFIRMED booking with {@code pickupAt ≤ now < returnAt}, or null
     * @param nextBooking      the CONFIRMED booking with the earliest {@code pickupAt > now}, or null
     * @param pendingHolds     HELD bookings not lapsed yet, by pickup, at most {@value FleetStatus#HOLDS_PER_VEHICLE}
     * @param pendingHoldCount all of them
     */
    public record VehicleStatus(UUID vehicleId, String make, String model, int year, String licensePlate, String city,
            String status, boolean bookable, Rental onRent, Rental nextBooking, List<Hold> pendingHolds,
            long pendingHoldCount) {
    }

    /** A confirmed booking: the rental {@code [pickupAt, returnAt)} and its renter. */
    public record Rental(UUID bookingId, UUID renterId, Instant pickupAt, Instant returnAt) {
    }

    /**
     * A hold waiting for its renter's payment until {@code holdExpiresAt}.
     *
     * @param total the price held, in major units of {@code currency} (exact)
     */
    public record Hold(UUID bookingId, Instant pickupAt, Instant returnAt, Instant holdExpiresAt, BigDecimal total,
            String currency) {
    }
}
