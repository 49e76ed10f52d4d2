package com.smartlinkauto.storage;

import com.smartlinkauto.testsupport.modulith.ModuleBoundariesTest;

/** storage-controller-service's module boundaries (README, "Modules"). */
class ModulesTest extends ModuleBoundariesTest {

    ModulesTest() {
        super(StorageControllerApplication.class, "config", "file", "node", "replication", "stats", "topology",
                "transfer");
    }
}
