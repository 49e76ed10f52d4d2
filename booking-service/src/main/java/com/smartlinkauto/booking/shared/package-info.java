/**
 * The small shared kernel of booking-service: who is asking ({@link com.smartlinkauto.booking.shared.Caller}), the
 * service's problem types ({@link com.smartlinkauto.booking.shared.BookingProblems}), answers that carry
 * {@code Retry-After}, money in minor units and a page of a list. Every feature module may use it; it uses none of them.
 */
@ApplicationModule(displayName = "Shared kernel", allowedDependencies = {})
package com.smartlinkauto.booking.shared;

import org.springframework.modulith.ApplicationModule;
