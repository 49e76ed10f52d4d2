package com.smartlinkauto.booking.confirm;

import java.math.BigDecimal;
import java.util.UUID;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import com.smartlinkauto.booking.bookings.BookingView;
import com.smartlinkauto.booking.shared.Money;
import com.smartlinkauto.servicedefaults.servicetoken.ServiceAccessRules;
import com.smartlinkauto.servicedefaults.servicetoken.ServiceTokenVerifier;
import com.smartlinkauto.servicedefaults.validation.CleanText;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;

/**
 * payment-service's confirmation of a paid booking. Not routed by the gateway; only a service token of
 * payment-service for booking-service opens it (any other service 403, a user's token 401).
 */
@RestController
@Tag(name = "internal")
class ConfirmController {

    static final String CALLER = "payment-service";

    private final BookingConfirmation confirmation;

    ConfirmController(BookingConfirmation confirmation) {
        this.confirmation = confirmation;
    }

    /** @param paymentReference payment-service's id of the payment (≤ 255 characters); optional */
    record ConfirmRequest(@Size(min = 1, max = 255) @CleanText String paymentReference) {
    }

    /** What happened, the booking as it is now, and the refund asked for (when the payment cannot buy it). */
    record ConfirmView(BookingConfirmation.Outcome outcome, BookingView booking, Refund refund) {
    }

    record Refund(BigDecimal amount, String currency, String reason) {
    }

    @PostMapping("/internal/bookings/{id}/confirm")
    @Operation(summary = "A payment for the booking arrived (payment-service)",
            description = "HELD → CONFIRMED. EXPIRED or CANCELLED (never confirmed) → CONFIRMED when the slot is still "
                    + "free, otherwise outcome REFUND_REQUESTED (RefundRequested on booking.events). A second "
                    + "confirmation by the same payment: UNCHANGED; by another payment: REFUND_REQUESTED. 200 in every "
                    + "case; unknown booking 404.")
    ConfirmView confirm(@PathVariable UUID id, @Valid @RequestBody(required = false) ConfirmRequest request) {
        BookingConfirmation.Result result = confirmation.confirm(id, request == null ? null : request.paymentReference());
        var b = result.booking();
        Refund refund = result.refundReason() == null ? null
                : new Refund(Money.toMajor(b.totalMinor(), b.currency()), b.currency(), result.refundReason());
        return new ConfirmView(result.outcome(), BookingView.of(b), refund);
    }

    @Configuration(proxyBeanMethods = false)
    static class Access {

        /** Only payment-service confirms and reads bookings internally ({@link InternalBookingController}). */
        @Bean
        ServiceAccessRules confirmationsOnlyFromPaymentService() {
            return rules -> rules.requestMatchers("/internal/bookings/**")
                    .hasAuthority(ServiceTokenVerifier.client(CALLER));
        }
    }
}
