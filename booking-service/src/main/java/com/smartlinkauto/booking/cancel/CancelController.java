package com.smartlinkauto.booking.cancel;

import java.util.UUID;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import com.smartlinkauto.booking.bookings.BookingView;
import com.smartlinkauto.booking.shared.Caller;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

@RestController
@Tag(name = "bookings")
class CancelController {

    private final CancelService cancellations;

    CancelController(CancelService cancellations) {
        this.cancellations = cancellations;
    }

    @PostMapping("/api/bookings/{id}/cancel")
    @Operation(summary = "Cancel a booking (its renter or an admin), with an optional reason",
            description = "HELD: cancelled, nothing charged. CONFIRMED: refundAmount = 100 % of the total when cancelled "
                    + "at least 24 h before the pickup, 50 % later (smartlink.bookings.cancellation); from the pickup "
                    + "on, and for any other status, 409. The vehicle's partner 403; anyone else 404.")
    BookingView cancel(@PathVariable UUID id, @Valid @RequestBody(required = false) CancelRequest request,
            @AuthenticationPrincipal Jwt jwt) {
        return BookingView.of(cancellations.cancel(Caller.of(jwt), id, request == null ? null : request.reason()));
    }

    @GetMapping("/api/bookings/{id}/cancellation")
    @Operation(summary = "What cancelling the booking would do right now (its renter or an admin), without cancelling",
            description = "The same rule as POST /api/bookings/{id}/cancel, at asOf: cancellable, or the reason it "
                    + "is not (RENTAL_STARTED, ALREADY_CANCELLED, EXPIRED, COMPLETED) with the 409's detail; "
                    + "refundAmount and refundPercent (null for a hold: nothing was charged), paidAmount, and the "
                    + "policy's terms for this booking (fullRefundUntil, cancellableUntil). The vehicle's partner "
                    + "403; anyone else 404.")
    CancellationPreview preview(@PathVariable UUID id, @AuthenticationPrincipal Jwt jwt) {
        return cancellations.preview(Caller.of(jwt), id);
    }
}
