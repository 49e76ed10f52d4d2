package com.smartlinkauto.payment;

import com.smartlinkauto.testsupport.modulith.ModuleBoundariesTest;

/** payment-service's modules: no cycles, each uses only what its {@code allowedDependencies} name. */
class ModulesTest extends ModuleBoundariesTest {

    ModulesTest() {
        super(PaymentServiceApplication.class, "shared", "config", "booking", "provider", "payments", "checkout",
                "webhook", "sandbox", "refunds", "query");
    }
}
