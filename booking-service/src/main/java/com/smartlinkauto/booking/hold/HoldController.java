package com.smartlinkauto.booking.hold;

import java.net.URI;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import com.smartlinkauto.booking.bookings.BookingView;
import com.smartlinkauto.booking.shared.Caller;
import com.smartlinkauto.servicedefaults.validation.InvalidInputException;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

@RestController
@Tag(name = "bookings")
class HoldController {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    static final String REPLAYED = "Idempotent-Replayed";

    private final HoldService holds;

    HoldController(HoldService holds) {
        this.holds = holds;
    }

    @PostMapping(path = "/api/bookings", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Hold a vehicle for the dates (RENTER): 201 HELD until holdExpiresAt",
            description = "Idempotency-Key (1–255 printable ASCII characters, per renter, kept 24 h): the same key with "
                    + "the same body answers the stored response again with Idempotent-Replayed: true; with another "
                    + "body 422; while the first request still runs 409. The price is the server's snapshot; any field "
                    + "besides vehicleId, pickupAt and returnAt is a 400. Refused: the slot is held or booked "
                    + "(turnaround included) or blacked out 409, the vehicle not bookable 409, your own vehicle 403, "
                    + "unknown vehicle 404, another hold of the vehicle being decided 423 (Retry-After), "
                    + "vehicle-service unreachable 503 (nothing written).",
            responses = @ApiResponse(responseCode = "201", description = "HELD",
                    content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                            schema = @Schema(implementation = BookingView.class))))
    ResponseEntity<byte[]> hold(
            @Parameter(required = true, description = "1–255 printable ASCII characters, unique per request")
            @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String key,
            @Valid @RequestBody HoldRequest request, @AuthenticationPrincipal Jwt jwt) {
        HoldService.Answer answer = holds.hold(Caller.of(jwt), checked(key), request);
        ResponseEntity.BodyBuilder response = ResponseEntity.status(answer.status())
                .location(URI.create("/api/bookings/" + answer.bookingId()))
                .contentType(MediaType.APPLICATION_JSON);
        if (answer.replayed()) {
            response.header(REPLAYED, "true");
        }
        return response.body(answer.body());
    }

    /** Stripe's bound (255 characters), printable ASCII only: it is stored and compared as sent. */
    static String checked(String key) {
        if (key == null || key.isEmpty()) {
            throw new InvalidInputException(IDEMPOTENCY_KEY, "is required (1–255 printable ASCII characters)");
        }
        if (key.length() > 255) {
            throw new InvalidInputException(IDEMPOTENCY_KEY, "must be at most 255 characters");
        }
        if (key.isBlank() || !key.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
            throw new InvalidInputException(IDEMPOTENCY_KEY, "must be printable ASCII characters, not only spaces");
        }
        return key;
    }
}
