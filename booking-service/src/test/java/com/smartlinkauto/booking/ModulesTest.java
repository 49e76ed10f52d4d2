package com.smartlinkauto.booking;

import com.smartlinkauto.testsupport.modulith.ModuleBoundariesTest;

/** booking-service's modules: no cycles, each uses only what its {@code allowedDependencies} name. */
class ModulesTest extends ModuleBoundariesTest {

    ModulesTest() {
        super(BookingServiceApplication.class, "shared", "config", "vehicle", "bookings", "pricing", "hold", "cancel",
                "confirm", "sweeper", "query", "cache", "ledger", "dashboard");
    }
}
