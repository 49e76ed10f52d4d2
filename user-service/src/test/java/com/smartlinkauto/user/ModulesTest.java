package com.smartlinkauto.user;

import com.smartlinkauto.testsupport.modulith.ModuleBoundariesTest;

/** user-service's module boundaries (the layers are in the README, "Modules"). */
class ModulesTest extends ModuleBoundariesTest {

    ModulesTest() {
        super(UserServiceApplication.class, "account", "admin", "audit", "auth", "events", "keys", "notification",
                "overview", "partner", "security", "servicetoken", "support", "throttle", "token", "web");
    }
}
