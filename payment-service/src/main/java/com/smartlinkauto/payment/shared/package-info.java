/**
 * The small shared kernel of payment-service: who is asking ({@link com.smartlinkauto.payment.shared.Caller}), the
 * service's problem types ({@link com.smartlinkauto.payment.shared.PaymentProblems}), answers that carry
 * {@code Retry-After}, and money in minor units. Every feature module may use it; it uses none of them.
 */
@ApplicationModule(displayName = "Shared kernel", allowedDependencies = {})
package com.smartlinkauto.payment.shared;

import org.springframework.modulith.ApplicationModule;
