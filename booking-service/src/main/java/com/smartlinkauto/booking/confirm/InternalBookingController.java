package com.smartlinkauto.booking.confirm;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import com.smartlinkauto.booking.bookings.Booking;
import com.smartlinkauto.booking.bookings.BookingStatus;
import com.smartlinkauto.booking.bookings.BookingStore;
import com.smartlinkauto.booking.shared.BookingProblems;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * payment-service's read of a booking before it opens a checkout: the amount and currency come from here, never
 * from the renter's browser. Behind the same rule as the confirmation ({@link ConfirmController.Access}: only a
 * service token of payment-service for booking-service; any other service 403, a user's token 401). The renter is
 * checked by payment-service against this answer's {@code renterId}.
 */
@RestController
@Tag(name = "internal")
class InternalBookingController {

    private final BookingStore store;

    InternalBookingController(BookingStore store) {
        this.store = store;
    }

    /**
     * A booking as payment-service needs it: {@code total} in major units with the currency's decimals (exact:
     * 149.70 EUR, 45000 XAF) and {@code totalMinor} the same amount in minor units, which is what a provider
     * charges. {@code holdExpiresAt} only while HELD; {@code paymentReference} once a payment confirmed it.
     */
    record PaymentBookingView(UUID id, BookingStatus status, UUID vehicleId, UUID renterId, UUID partnerId,
            Instant pickupAt, Instant returnAt, BigDecimal total, long totalMinor, String currency,
            Instant holdExpiresAt, String paymentReference) {

        static PaymentBookingView of(Booking b) {
            return new PaymentBookingView(b.id(), b.status(), b.vehicleId(), b.renterId(), b.partnerId(),
                    b.pickupAt(), b.returnAt(), b.total(), b.totalMinor(), b.currency(),
                    b.status() == BookingStatus.HELD ? b.holdExpiresAt() : null, b.paymentReference());
        }
    }

    @GetMapping("/internal/bookings/{id}")
    @Operation(summary = "A booking's amount, status and parties (payment-service)",
            description = "What a checkout charges: total (major units) and totalMinor in the booking's currency, "
                    + "the status (only a HELD booking is paid for; holdExpiresAt is set only then), the renter and "
                    + "the vehicle's partner. Unknown booking 404.")
    PaymentBookingView get(@PathVariable UUID id) {
        return store.find(id).map(PaymentBookingView::of).orElseThrow(() -> BookingProblems.bookingNotFound(id));
    }
}
