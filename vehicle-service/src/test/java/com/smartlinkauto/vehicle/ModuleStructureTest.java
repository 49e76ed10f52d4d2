package com.smartlinkauto.vehicle;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * The feature packages are Spring Modulith application modules: no cycles between them, and each uses only
 * what another one exposes. The modules' documentation (component diagrams, the module canvases) is written
 * to {@code target/spring-modulith-docs} for a reader to render.
 */
class ModuleStructureTest {

    private static final ApplicationModules MODULES = ApplicationModules.of(VehicleServiceApplication.class);

    @Test
    void modulesHaveNoCyclesAndUseOnlyWhatOthersExpose() {
        MODULES.verify();
    }

    @Test
    void writesTheModulesDocumentation() {
        new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder("target/spring-modulith-docs"))
                .writeDocumentation().writeAggregatingDocument();
    }
}
