package com.smartlinkauto.storagenode;

import com.smartlinkauto.testsupport.modulith.ModuleBoundariesTest;

/** storage-node-service's module boundaries (README, "Modules"). */
class ModulesTest extends ModuleBoundariesTest {

    ModulesTest() {
        super(StorageNodeApplication.class, "chunk", "heartbeat", "node", "pipeline", "security", "status",
                "throttle", "transfer");
    }
}
