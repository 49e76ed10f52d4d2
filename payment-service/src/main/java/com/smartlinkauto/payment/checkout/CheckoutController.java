package com.smartlinkauto.payment.checkout;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import com.smartlinkauto.payment.payments.CheckoutSession;
import com.smartlinkauto.payment.shared.Caller;
import com.smartlinkauto.payment.shared.Money;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

@RestController
@Tag(name = "payments")
class CheckoutController {

    private final CheckoutService checkouts;

    CheckoutController(CheckoutService checkouts) {
        this.checkouts = checkouts;
    }

    /** Only the booking: the amount is booking-service's; any other field (an {@code amount}) is a 400. */
    record CheckoutRequest(@NotNull UUID bookingId) {
    }

    /**
     * @param sessionId   the provider's id of the session ({@code cs_…})
     * @param checkoutUrl the page the renter pays on (Stripe's hosted checkout or the sandbox's page)
     * @param amount      the booking's total, in {@code currency} (major units)
     */
    record CheckoutView(String sessionId, UUID bookingId, String checkoutUrl, BigDecimal amount, String currency,
            Instant expiresAt, String provider, String status) {

        static CheckoutView of(CheckoutSession s) {
            return new CheckoutView(s.providerSessionId(), s.bookingId(), s.checkoutUrl(),
                    Money.toMajor(s.amountMinor(), s.currency()), s.currency(), s.expiresAt(), s.provider(),
                    s.status());
        }
    }

    @PostMapping(path = "/api/payments/checkout", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Pay a HELD booking (its RENTER): 201 a checkout session, 200 the open one",
            description = "The amount and currency are the booking's total at booking-service; the body names only "
                    + "bookingId (any other field 400). One open session per booking: a second call answers it again "
                    + "(200). Refused: not your booking or unknown 404, not HELD 409 booking-not-payable, HELD but "
                    + "past its hold 409 hold-expired, booking-service unreachable 503 (nothing written), the "
                    + "provider refusing 502 (nothing written).",
            responses = { @ApiResponse(responseCode = "201", description = "A new session",
                    content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                            schema = @Schema(implementation = CheckoutView.class))),
                    @ApiResponse(responseCode = "200", description = "The booking's open session") })
    ResponseEntity<CheckoutView> checkout(@Valid @RequestBody CheckoutRequest request, @AuthenticationPrincipal Jwt jwt) {
        CheckoutService.Result result = checkouts.checkout(Caller.of(jwt), request.bookingId());
        return ResponseEntity.status(result.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .body(CheckoutView.of(result.session()));
    }
}
