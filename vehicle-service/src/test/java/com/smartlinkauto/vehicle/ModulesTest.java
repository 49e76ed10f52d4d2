package com.smartlinkauto.vehicle;

import com.smartlinkauto.testsupport.modulith.ModuleBoundariesTest;

/** vehicle-service's module boundaries (the modules and their dependencies are in the README, "Modules"). */
class ModulesTest extends ModuleBoundariesTest {

    ModulesTest() {
        super(VehicleServiceApplication.class, "availability", "cache", "catalog", "config", "partner", "photo",
                "search", "shared");
    }
}
