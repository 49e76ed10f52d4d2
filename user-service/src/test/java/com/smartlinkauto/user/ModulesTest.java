package com.smartlinkauto.user;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * The service's module boundaries, as Spring Modulith sees them: every top-level package under
 * {@code com.smartlinkauto.user} is a module, its sub-packages are internal to it, and no two modules
 * may depend on each other in a cycle. A change that breaks a boundary fails this test. The test also
 * writes the modules' documentation (PlantUML diagrams and module canvases) to
 * {@code target/spring-modulith-docs}.
 */
class ModulesTest {

    static final ApplicationModules MODULES = ApplicationModules.of(UserServiceApplication.class);

    @Test
    void modulesHaveNoCyclesAndUseOnlyEachOthersApi() {
        MODULES.verify();
    }

    @Test
    void everyFeaturePackageIsAModule() {
        assertThat(MODULES.stream().map(ApplicationModule::getIdentifier).map(Object::toString))
                .contains("account", "admin", "audit", "auth", "events", "keys", "notification", "partner",
                        "security", "servicetoken", "support", "throttle", "token", "web");
    }

    @Test
    void writesTheModulesDocumentation() {
        new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder("target/spring-modulith-docs"))
                .writeDocumentation();
    }
}
