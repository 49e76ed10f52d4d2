package com.smartlinkauto.booking.confirm;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import com.smartlinkauto.booking.bookings.Booking;
import com.smartlinkauto.booking.bookings.BookingStore;
import com.smartlinkauto.booking.ledger.PaymentLedger;
import com.smartlinkauto.contracts.events.EventEnvelope;
import com.smartlinkauto.contracts.events.Topics;
import com.smartlinkauto.contracts.events.payment.PaymentEventTypes;
import com.smartlinkauto.contracts.events.payment.PaymentRefunded;
import com.smartlinkauto.contracts.events.payment.PaymentSucceeded;
import com.smartlinkauto.servicedefaults.events.EventConsumer;
import com.smartlinkauto.servicedefaults.events.EventConsumers;
import com.smartlinkauto.servicedefaults.problem.ApiException;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code payment.events} → the confirmation of paid bookings (docs/architecture.md, Events). PaymentSucceeded
 * confirms the booking through {@link BookingConfirmation#confirm}, the method {@code POST
 * /internal/bookings/{id}/confirm} uses, with the payment's id as its reference: HELD → CONFIRMED (BookingConfirmed),
 * a late payment whose slot is taken or a second payment → RefundRequested. Either way the money was captured: the
 * payment goes into the {@link PaymentLedger} (+amount at {@code paidAt}) in the same transaction. PaymentRefunded
 * changes no booking (a refund follows a cancellation or a RefundRequested this service already recorded) and goes
 * into the ledger (−amount at {@code refundedAt}); a refund for a booking this service does not know is parked.
 * PaymentFailed changes nothing (a failed attempt leaves the hold running until it expires): no handler, so
 * service-defaults counts it as {@code ignored}.
 * <p>
 * Idempotent twice over: the event id is marked in {@code processed_events} in the transaction of the confirmation
 * and the ledger row (a redelivery is a {@code duplicate}), and a confirmation by the same payment changes nothing
 * anyway, nor does a ledger row whose payment or refund id is there already (an event published twice under two
 * event ids). A payment
 * for a booking this service does not know cannot become valid by retrying: it is parked on
 * {@code payment.events.DLT} at once. Counts {@code smartlink.bookings.payments} by {@code outcome}
 * ({@code CONFIRMED}, {@code UNCHANGED}, {@code REFUND_REQUESTED}, {@code UNKNOWN_BOOKING}).
 */
@Component
class PaymentEventsListener {

    static final String CONSUMER = "booking-service.payments";

    private static final Logger log = LoggerFactory.getLogger(PaymentEventsListener.class);

    private final BookingConfirmation confirmation;
    private final BookingStore bookings;
    private final PaymentLedger ledger;
    private final MeterRegistry meters;
    private final EventConsumer events;

    PaymentEventsListener(BookingConfirmation confirmation, BookingStore bookings, PaymentLedger ledger,
            MeterRegistry meters, EventConsumers consumers) {
        this.confirmation = confirmation;
        this.bookings = bookings;
        this.ledger = ledger;
        this.meters = meters;
        this.events = consumers.consumer(CONSUMER)
                .on(PaymentEventTypes.PAYMENT_SUCCEEDED, PaymentSucceeded.class, this::succeeded)
                .on(PaymentEventTypes.PAYMENT_REFUNDED, PaymentRefunded.class, this::refunded)
                .build();
    }

    @KafkaListener(id = CONSUMER, topics = Topics.PAYMENT_EVENTS, groupId = CONSUMER)
    void onEvent(ConsumerRecord<String, byte[]> record) {
        events.accept(record);
    }

    /** In the consumer's transaction, after the event id's mark: the same confirmation as the internal endpoint. */
    private void succeeded(EventEnvelope<PaymentSucceeded> event) {
        PaymentSucceeded payment = event.payload();
        BookingConfirmation.Result result;
        try {
            result = confirmation.confirm(payment.bookingId(), payment.paymentId().toString());
        }
        catch (ApiException ex) {
            if (ex.status() != HttpStatus.NOT_FOUND) {
                throw ex;
            }
            count("UNKNOWN_BOOKING");
            // not retried: the booking will not appear later (a payment is only ever opened for a booking read here)
            throw new IllegalArgumentException("PaymentSucceeded event " + event.eventId() + ": payment "
                    + payment.paymentId() + " is for booking " + payment.bookingId() + ", which does not exist", ex);
        }
        Booking booking = result.booking();
        log.info("Payment {} for booking {}: {}", payment.paymentId(), booking.id(), result.outcome());
        if (!payment.currency().equals(booking.currency()) || booking.total().compareTo(payment.amount()) != 0) {
            // payment-service charges what it read from this service; a difference means a bug there, worth a look
            log.warn("Payment {} for booking {} captured {} {}, the booking's total is {} {}", payment.paymentId(),
                    booking.id(), payment.amount(), payment.currency(), booking.total(), booking.currency());
        }
        // captured whatever the outcome: a payment that cannot buy the booking is in until its refund is
        ledger.recordPayment(booking, payment.paymentId(), payment.amount(), payment.currency(), payment.paidAt());
        count(result.outcome().name());
    }

    /** In the consumer's transaction, after the event id's mark: the refund into the ledger, no booking change. */
    private void refunded(EventEnvelope<PaymentRefunded> event) {
        PaymentRefunded refund = event.payload();
        Booking booking = bookings.find(refund.bookingId()).orElseThrow(() -> new IllegalArgumentException(
                "PaymentRefunded event " + event.eventId() + ": refund " + refund.refundId() + " is for booking "
                        + refund.bookingId() + ", which does not exist"));
        boolean recorded = ledger.recordRefund(booking, refund.refundId(), refund.paymentId(), refund.amount(),
                refund.currency(), refund.refundedAt());
        log.info("Refund {} of payment {} for booking {}: {} {} ({}){}", refund.refundId(), refund.paymentId(),
                booking.id(), refund.amount(), refund.currency(), refund.reason(), recorded ? "" : ", already recorded");
    }

    private void count(String outcome) {
        Counter.builder("smartlink.bookings.payments").description("PaymentSucceeded events applied, by outcome")
                .tag("outcome", outcome).register(meters).increment();
    }
}
