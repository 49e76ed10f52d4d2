package com.smartlinkauto.testsupport.modulith;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * A service's module boundaries as a test, with Spring Modulith: every top-level package under the
 * application's package is a module, its sub-packages are internal to it, and no two modules may depend on
 * each other in a cycle. A change that breaks a boundary fails the build. The test also writes the
 * modules' documentation (PlantUML component diagrams, module canvases, AsciiDoc) to
 * {@value #DOCUMENTATION_FOLDER} of the service's module (not committed).
 * <p>
 * A service extends it once, naming its application class and the modules it expects (so that a
 * detection which finds nothing cannot pass vacuously):
 * <pre>
 * class ModulesTest extends ModuleBoundariesTest {
 *     ModulesTest() {
 *         super(UserServiceApplication.class, "account", "auth", ...);
 *     }
 * }
 * </pre>
 * It needs {@code org.springframework.modulith:spring-modulith-docs} (test scope) in the service's POM.
 */
public abstract class ModuleBoundariesTest {

    public static final String DOCUMENTATION_FOLDER = "target/spring-modulith-docs";

    /** Analysing the classes takes seconds; JUnit makes a new instance for every test method. */
    private static final Map<Class<?>, ApplicationModules> ANALYSED = new ConcurrentHashMap<>();

    private final Class<?> application;
    private final String[] expectedModules;

    protected ModuleBoundariesTest(Class<?> application, String... expectedModules) {
        this.application = application;
        this.expectedModules = expectedModules.clone();
    }

    @Test
    void modulesHaveNoCyclesAndUseOnlyEachOthersApi() {
        modules().verify();
    }

    @Test
    void findsTheExpectedModules() {
        assertThat(modules().stream().map(ApplicationModule::getIdentifier).map(Object::toString))
                .contains(expectedModules);
    }

    @Test
    void writesTheModulesDocumentation() {
        new Documenter(modules(), Documenter.Options.defaults().withOutputFolder(DOCUMENTATION_FOLDER))
                .writeDocumentation();
    }

    protected final ApplicationModules modules() {
        return ANALYSED.computeIfAbsent(application, ModuleBoundariesTest::analyse);
    }

    /**
     * Modulith reads the application's configuration (for {@code spring.modulith.*}); with the config
     * client on the class path that would ask a config server, so the client is off while it does.
     */
    private static synchronized ApplicationModules analyse(Class<?> application) {
        String key = "spring.cloud.config.enabled";
        String before = System.getProperty(key);
        System.setProperty(key, "false");
        try {
            return ApplicationModules.of(application);
        }
        finally {
            if (before == null) {
                System.clearProperty(key);
            }
            else {
                System.setProperty(key, before);
            }
        }
    }
}
