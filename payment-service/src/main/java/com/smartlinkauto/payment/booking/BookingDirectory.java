package com.smartlinkauto.payment.booking;

import java.util.UUID;

/** Reads bookings from booking-service. */
public interface BookingDirectory {

    /**
     * The booking as booking-service has it now (never cached: a checkout must see the current status).
     *
     * @throws com.smartlinkauto.servicedefaults.problem.ApiException 404 when booking-service does not know it
     * @throws com.smartlinkauto.payment.shared.RetryLaterException 503 when booking-service cannot be asked (down,
     *                                                               slow, refusing our token, circuit open)
     */
    BookingSnapshot get(UUID bookingId);
}
