package com.smartlinkauto.e2e.deploy;

import static com.smartlinkauto.e2e.deploy.MiniKustomize.list;
import static com.smartlinkauto.e2e.deploy.MiniKustomize.map;
import static com.smartlinkauto.e2e.deploy.MiniKustomize.mapAt;
import static com.smartlinkauto.e2e.deploy.PlatformLayout.databasePasswordKey;
import static com.smartlinkauto.e2e.deploy.PlatformLayout.serviceSecretKey;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.smartlinkauto.e2e.deploy.PlatformLayout.Service;

/**
 * platform.layout is the one statement of which services exist, their ports, what they need and in which order
 * they start, the databases and the Kafka topics; ./smartlink runs from it. docker-compose.yml, k8s/base (plus the
 * in-cluster infrastructure component), the modules and libs/event-contracts repeat those facts in their own
 * language: this test fails, naming the file and the fact, wherever they disagree with the layout. Each check
 * collects every disagreement before it fails.
 */
class LayoutConsistencyTest {

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Z0-9_]+)(?:[:?-][^}]*)?}");

    private static Path root;
    private static PlatformLayout layout;
    private static Map<String, Object> composeServices;
    private static List<Map<String, Object>> k8sBase;

    @BeforeAll
    static void read() throws IOException {
        root = PlatformLayout.repoRoot();
        layout = PlatformLayout.read(root);
        composeServices = map(map(MiniKustomize.yaml().load(Files.readString(root.resolve("docker-compose.yml"))))
                .get("services"));
        k8sBase = new MiniKustomize().build(root.resolve("k8s/base"));
    }

    // ------------------------------------------------------------------------------------------
    // docker-compose.yml
    // ------------------------------------------------------------------------------------------

    /** A compose service per layout service (built from its module), and none that the layout does not know. */
    @Test
    void composeRunsExactlyTheLayoutsServices() {
        Map<String, String> built = new TreeMap<>();
        composeServices.forEach((name, definition) -> {
            Object module = mapAt(map(definition), false, "build", "args").get("SERVICE");
            if (module != null) {
                built.put(name, module.toString());
            }
        });
        Map<String, String> expected = new TreeMap<>();
        layout.services().forEach(s -> expected.put(s.deployName(), s.name()));
        SoftAssertions.assertSoftly(soft -> soft.assertThat(built)
                .as("docker-compose.yml services built from a module (build.args.SERVICE) vs %s: compose service -> module",
                        PlatformLayout.FILE)
                .containsExactlyInAnyOrderEntriesOf(expected));
    }

    @Test
    void composePortsAreTheLayoutsPorts() {
        SoftAssertions soft = new SoftAssertions();
        for (Service s : layout.services()) {
            Map<String, Object> c = compose(s);
            Map<String, String> env = composeEnv(c);
            String what = "docker-compose.yml " + s.deployName();
            soft.assertThat(Objects.toString(mapAt(c, false, "build", "args").get("PORT")))
                    .as("%s build.args.PORT (%s: port of %s)", what, PlatformLayout.FILE, s.name())
                    .isEqualTo(String.valueOf(s.port()));
            if (env.containsKey("SERVER_PORT")) {
                soft.assertThat(env.get("SERVER_PORT")).as("%s SERVER_PORT", what).isEqualTo(String.valueOf(s.port()));
            }
            soft.assertThat(env.get("MANAGEMENT_SERVER_PORT")).as("%s MANAGEMENT_SERVER_PORT (%s: mgmt of %s)", what,
                    PlatformLayout.FILE, s.name()).isEqualTo(s.managementPort() == null ? null : s.managementPort().toString());
            for (Object exposed : list(c.get("expose"))) {
                soft.assertThat(exposed.toString()).as("%s expose", what)
                        .isIn(String.valueOf(s.port()), String.valueOf(s.actuatorPort()));
            }
            for (Object published : list(c.get("ports"))) {
                String mapping = published.toString().replaceFirst("/(tcp|udp)$", "");
                soft.assertThat(mapping.substring(mapping.lastIndexOf(':') + 1))
                        .as("%s ports %s: the container side is the service port", what, published)
                        .isEqualTo(String.valueOf(s.port()));
            }
            if (s.scalable()) {
                // `docker compose up --scale <prefix>=N`: replicas cannot share a host port or a container name
                soft.assertThat(c).as("%s scales (%s): no host ports, no container_name", what, PlatformLayout.FILE)
                        .doesNotContainKeys("ports", "container_name");
            }
            Object replicas = mapAt(c, false, "deploy").get("replicas");
            soft.assertThat(replicas == null ? 1 : replicas).as("%s deploy.replicas (%s: instances of %s)", what,
                    PlatformLayout.FILE, s.name()).isEqualTo(s.instances());
        }
        soft.assertAll();
    }

    /** Start order and needs: depends_on (service_healthy) every service of an earlier phase and what it needs. */
    @Test
    void composeStartsInTheLayoutsOrderAfterWhatEachNeeds() {
        SoftAssertions soft = new SoftAssertions();
        for (Service s : layout.services()) {
            Map<String, Object> dependsOn = map(compose(s).get("depends_on"));
            Set<String> expected = new TreeSet<>();
            layout.earlierPhases(s).forEach(e -> expected.add(e.deployName()));
            s.database().ifPresent(db -> expected.add("postgres"));
            s.redis().ifPresent(expected::add);
            if (s.kafka()) {
                expected.add("kafka");
            }
            soft.assertThat(new TreeSet<>(dependsOn.keySet()))
                    .as("docker-compose.yml %s depends_on (%s: the services of earlier start phases, and its needs %s)",
                            s.deployName(), PlatformLayout.FILE, s.needs())
                    .isEqualTo(expected);
            dependsOn.forEach((on, how) -> soft.assertThat(map(how).get("condition"))
                    .as("docker-compose.yml %s depends_on %s condition", s.deployName(), on).isEqualTo("service_healthy"));
        }
        soft.assertAll();
    }

    /** The database, the Redis server and the credential each service is given. */
    @Test
    void composeEnvironmentGivesEachServiceWhatItNeeds() {
        SoftAssertions soft = new SoftAssertions();
        for (Service s : layout.services()) {
            Map<String, String> env = composeEnv(compose(s));
            String what = "docker-compose.yml " + s.deployName();
            if (s.database().isPresent()) {
                String db = s.database().get();
                soft.assertThat(env.get("DB_URL")).as("%s DB_URL (needs db=%s)", what, db)
                        .isEqualTo("jdbc:postgresql://postgres:5432/" + db);
                soft.assertThat(env.get("DB_USERNAME")).as("%s DB_USERNAME", what).isEqualTo(db);
                soft.assertThat(variable(env.get("DB_PASSWORD"))).as("%s DB_PASSWORD", what).isEqualTo(databasePasswordKey(db));
            } else {
                soft.assertThat(env).as("%s: no database in its needs", what).doesNotContainKeys("DB_URL", "DB_PASSWORD");
            }
            if (s.redis().isPresent()) {
                String redis = s.redis().get();
                soft.assertThat(env.get("REDIS_HOST")).as("%s REDIS_HOST (needs %s)", what, redis).isEqualTo(redis);
                soft.assertThat(variable(env.get("REDIS_PASSWORD"))).as("%s REDIS_PASSWORD", what)
                        .isEqualTo(PlatformLayout.REDIS_PASSWORD_KEYS.get(redis));
            } else {
                soft.assertThat(env).as("%s: no Redis in its needs", what).doesNotContainKeys("REDIS_HOST", "REDIS_PASSWORD");
            }
            soft.assertThat(variable(env.get("SMARTLINK_SERVICE_SECRET"))).as("%s SMARTLINK_SERVICE_SECRET", what)
                    .isEqualTo(s.serviceClient() ? serviceSecretKey(s.name()) : null);
        }
        // the registry and user-service know every client's credential (the x-service-clients anchor)
        Map<String, String> expected = new TreeMap<>();
        layout.serviceClients().forEach(s -> expected.put(s.name(), serviceSecretKey(s.name())));
        for (String verifier : List.of("discovery-service", "user-service")) {
            Map<String, String> clients = new TreeMap<>();
            String value = composeEnv(compose(layout.service(verifier))).getOrDefault("SMARTLINK_SERVICE_CLIENTS", "");
            for (String entry : value.split(",(?=[a-z])")) {
                int eq = entry.indexOf('=');
                if (eq > 0) {
                    clients.put(entry.substring(0, eq), variable(entry.substring(eq + 1)));
                }
            }
            soft.assertThat(clients).as("docker-compose.yml %s SMARTLINK_SERVICE_CLIENTS (x-service-clients): every "
                    + "service of %s but the registry, with its SERVICE_SECRET_<NAME>", verifier, PlatformLayout.FILE)
                    .containsExactlyInAnyOrderEntriesOf(expected);
        }
        soft.assertAll();
    }

    @Test
    void composeInfrastructureProvidesTheLayoutsDatabasesAndTopics() throws IOException {
        SoftAssertions soft = new SoftAssertions();
        Map<String, String> postgres = composeEnv(map(composeServices.get("postgres")));
        soft.assertThat(postgres.keySet().stream().filter(k -> k.endsWith("_DB_PASSWORD")).collect(Collectors.toSet()))
                .as("docker-compose.yml postgres: a <NAME>_DB_PASSWORD per database of %s", PlatformLayout.FILE)
                .containsExactlyInAnyOrderElementsOf(layout.databases().stream()
                        .map(PlatformLayout::databasePasswordKey).toList());
        // compose and the k8s in-cluster PostgreSQL create the databases with one script (K8sManifestsTest: same file)
        Matcher created = Pattern.compile("(?m)^create_service_db\\s+(\\S+)\\s+\"\\$\\{([A-Z0-9_]+):\\?")
                .matcher(Files.readString(root.resolve("infra/docker/postgres/init-databases.sh")));
        Map<String, String> databases = new LinkedHashMap<>();
        while (created.find()) {
            databases.put(created.group(1), created.group(2));
        }
        Map<String, String> expected = new LinkedHashMap<>();
        layout.databases().forEach(db -> expected.put(db, databasePasswordKey(db)));
        soft.assertThat(databases).as("infra/docker/postgres/init-databases.sh create_service_db <name> <password> "
                + "vs [databases] of %s", PlatformLayout.FILE).containsExactlyInAnyOrderEntriesOf(expected);
        // compose's broker creates topics on first use, with its default partition count
        String partitions = composeEnv(map(composeServices.get("kafka"))).get("KAFKA_NUM_PARTITIONS");
        for (PlatformLayout.Topic topic : layout.topics()) {
            soft.assertThat(partitions).as("docker-compose.yml kafka KAFKA_NUM_PARTITIONS (creates %s on first use; "
                    + "%s: %s partitions)", topic.name(), PlatformLayout.FILE, topic.partitions())
                    .isEqualTo(String.valueOf(topic.partitions()));
        }
        soft.assertAll();
    }

    // ------------------------------------------------------------------------------------------
    // k8s/
    // ------------------------------------------------------------------------------------------

    /** A workload (Deployment or StatefulSet) and a Service per layout service in k8s/base, and no other workload. */
    @Test
    void k8sBaseRunsExactlyTheLayoutsServices() {
        SoftAssertions soft = new SoftAssertions();
        Map<String, String> images = new TreeMap<>();
        for (Map<String, Object> w : k8s("Deployment", "StatefulSet")) {
            images.put(name(w), Objects.toString(mainContainer(w).get("image")).replaceFirst("[:@].*$", ""));
        }
        Map<String, String> expected = new TreeMap<>();
        layout.services().forEach(s -> expected.put(s.deployName(), "smartlink/" + s.name()));
        soft.assertThat(images).as("k8s/base workloads -> image vs %s", PlatformLayout.FILE)
                .containsExactlyInAnyOrderEntriesOf(expected);
        Set<String> services = k8s("Service").stream().map(LayoutConsistencyTest::name).collect(Collectors.toSet());
        soft.assertThat(services).as("k8s/base Services").containsAll(expected.keySet());
        soft.assertAll();
    }

    @Test
    void k8sPortsAreTheLayoutsPorts() {
        SoftAssertions soft = new SoftAssertions();
        forEachWorkload(soft, (s, w) -> {
            String what = "k8s/base " + s.deployName();
            Map<String, Object> container = mainContainer(w);
            Map<String, Object> ports = new TreeMap<>();
            list(container.get("ports")).forEach(p -> ports.put(Objects.toString(map(p).get("name")), map(p).get("containerPort")));
            Map<String, Object> expected = new TreeMap<>(Map.of("http", s.port()));
            if (s.managementPort() != null) {
                expected.put("management", s.managementPort());
            }
            soft.assertThat(ports).as("%s container ports by name (%s: port/mgmt of %s)", what, PlatformLayout.FILE, s.name())
                    .containsExactlyInAnyOrderEntriesOf(expected);
            Map<String, Map<String, Object>> env = k8sEnv(container);
            soft.assertThat(value(env, "MANAGEMENT_SERVER_PORT")).as("%s MANAGEMENT_SERVER_PORT", what)
                    .isEqualTo(s.managementPort() == null ? null : s.managementPort().toString());
            if (env.containsKey("SERVER_PORT")) {
                soft.assertThat(value(env, "SERVER_PORT")).as("%s SERVER_PORT", what).isEqualTo(String.valueOf(s.port()));
            }
            soft.assertThat(mapAt(w, false, "spec", "template", "metadata", "annotations").get("prometheus.io/port"))
                    .as("%s prometheus.io/port (the actuator's port)", what).isEqualTo(String.valueOf(s.actuatorPort()));
            Map<String, Object> service = k8s("Service").stream().filter(o -> name(o).equals(s.deployName()))
                    .findFirst().orElse(Map.of());
            soft.assertThat(list(mapAt(service, false, "spec").get("ports")).stream().map(p -> map(p).get("port")).toList())
                    .as("k8s/base Service %s ports", s.deployName()).containsExactly(s.port());
        });
        soft.assertAll();
    }

    @Test
    void k8sEnvironmentGivesEachServiceWhatItNeeds() {
        SoftAssertions soft = new SoftAssertions();
        forEachWorkload(soft, (s, w) -> {
            Map<String, Map<String, Object>> env = k8sEnv(mainContainer(w));
            String what = "k8s/base " + s.deployName();
            if (s.database().isPresent()) {
                String db = s.database().get();
                soft.assertThat(value(env, "DB_URL")).as("%s DB_URL (needs db=%s)", what, db)
                        .isEqualTo("jdbc:postgresql://$(POSTGRES_HOST):$(POSTGRES_PORT)/" + db + "$(POSTGRES_JDBC_PARAMS)");
                soft.assertThat(value(env, "DB_USERNAME")).as("%s DB_USERNAME", what).isEqualTo(db);
                soft.assertThat(secretKey(env, "DB_PASSWORD")).as("%s DB_PASSWORD", what).isEqualTo(databasePasswordKey(db));
            } else {
                soft.assertThat(env).as("%s: no database in its needs", what).doesNotContainKeys("DB_URL", "DB_PASSWORD");
            }
            if (s.redis().isPresent()) {
                String redis = s.redis().get();
                soft.assertThat(secretKey(env, "REDIS_PASSWORD")).as("%s REDIS_PASSWORD (needs %s)", what, redis)
                        .isEqualTo(PlatformLayout.REDIS_PASSWORD_KEYS.get(redis));
                // smartlink-env's REDIS_HOST is the state server; the cache server is REDIS_CACHE_HOST
                soft.assertThat(value(env, "REDIS_HOST")).as("%s REDIS_HOST (needs %s)", what, redis)
                        .isEqualTo(redis.equals("redis") ? null : "$(REDIS_CACHE_HOST)");
            } else {
                soft.assertThat(env).as("%s: no Redis in its needs", what).doesNotContainKeys("REDIS_HOST", "REDIS_PASSWORD");
            }
        });
        soft.assertAll();
    }

    /** The local overlay's in-cluster PostgreSQL and Kafka provide the layout's databases and topics. */
    @Test
    void k8sInClusterInfrastructureProvidesTheLayoutsDatabasesAndTopics() {
        SoftAssertions soft = new SoftAssertions();
        Path infra = root.resolve("k8s/components/in-cluster-infra");
        Map<String, Map<String, Object>> postgres = k8sEnv(mainContainer(document(infra.resolve("postgres.yaml"), "StatefulSet")));
        soft.assertThat(postgres.keySet().stream().filter(k -> k.endsWith("_DB_PASSWORD")).collect(Collectors.toSet()))
                .as("k8s in-cluster postgres: a <NAME>_DB_PASSWORD per database of %s", PlatformLayout.FILE)
                .containsExactlyInAnyOrderElementsOf(layout.databases().stream().map(PlatformLayout::databasePasswordKey).toList());
        String partitions = value(k8sEnv(mainContainer(document(infra.resolve("kafka.yaml"), "StatefulSet"))),
                "KAFKA_NUM_PARTITIONS");
        for (PlatformLayout.Topic topic : layout.topics()) {
            soft.assertThat(partitions).as("k8s in-cluster kafka KAFKA_NUM_PARTITIONS (creates %s on first use; %s: %s "
                    + "partitions)", topic.name(), PlatformLayout.FILE, topic.partitions()).isEqualTo(String.valueOf(topic.partitions()));
        }
        soft.assertAll();
    }

    // ------------------------------------------------------------------------------------------
    // the modules
    // ------------------------------------------------------------------------------------------

    /** Every service is a module of the root pom, and its own default ports (application.yml) are the layout's. */
    @Test
    void modulesAndTheirDefaultPortsAreTheLayouts() throws IOException {
        SoftAssertions soft = new SoftAssertions();
        String pom = Files.readString(root.resolve("pom.xml"));
        for (Service s : layout.services()) {
            soft.assertThat(pom).as("pom.xml <module>%s</module>", s.name()).contains("<module>" + s.name() + "</module>");
            Path yml = root.resolve(s.name()).resolve("src/main/resources/application.yml");
            if (!Files.isRegularFile(yml)) {
                soft.fail("%s is missing", root.relativize(yml));
                continue;
            }
            String text = Files.readString(yml);
            defaults(text, "SERVER_PORT").forEach(d -> soft.assertThat(d)
                    .as("%s ${SERVER_PORT:...} (%s: port of %s)", root.relativize(yml), PlatformLayout.FILE, s.name())
                    .isEqualTo(String.valueOf(s.port())));
            defaults(text, "MANAGEMENT_SERVER_PORT").forEach(d -> soft.assertThat(d)
                    .as("%s ${MANAGEMENT_SERVER_PORT:...} (%s: mgmt of %s)", root.relativize(yml), PlatformLayout.FILE, s.name())
                    .isEqualTo(Objects.toString(s.managementPort(), "(none: the actuator is on the service port)")));
        }
        soft.assertAll();
    }

    /** The topics the producers and consumers name (libs/event-contracts, Topics) are the ones the runner creates. */
    @Test
    void eventContractsNameTheLayoutsTopics() throws IOException {
        Path topicsJava = root.resolve("libs/event-contracts/src/main/java/com/smartlinkauto/contracts/events/Topics.java");
        Matcher constant = Pattern.compile("static\\s+final\\s+String\\s+\\w+\\s*=\\s*\"([a-z][a-z0-9.-]*)\"\\s*;")
                .matcher(Files.readString(topicsJava));
        Set<String> names = new TreeSet<>();
        while (constant.find()) {
            names.add(constant.group(1));
        }
        SoftAssertions.assertSoftly(soft -> soft.assertThat(names)
                .as("topic names in %s vs [topics] of %s", root.relativize(topicsJava), PlatformLayout.FILE)
                .containsExactlyInAnyOrderElementsOf(layout.topics().stream().map(PlatformLayout.Topic::name).toList()));
    }

    // ------------------------------------------------------------------------------------------
    // helpers
    // ------------------------------------------------------------------------------------------

    private static Map<String, Object> compose(Service s) {
        Object definition = composeServices.get(s.deployName());
        if (definition == null) {
            throw new AssertionError("docker-compose.yml has no service " + s.deployName() + " (" + PlatformLayout.FILE
                    + ": " + s.name() + ")");
        }
        return map(definition);
    }

    /** A compose service's environment (map form, YAML merge keys resolved), values as strings. */
    private static Map<String, String> composeEnv(Map<String, Object> service) {
        Map<String, String> env = new TreeMap<>();
        map(service.get("environment")).forEach((k, v) -> env.put(k, v == null ? null : v.toString()));
        return env;
    }

    /** The variable a compose value reads: FOO for "${FOO:?message}" (null when it is not one variable). */
    private static String variable(String value) {
        if (value == null) {
            return null;
        }
        Matcher m = VARIABLE.matcher(value.trim());
        return m.matches() ? m.group(1) : value;
    }

    private static List<Map<String, Object>> k8s(String... kinds) {
        Set<String> wanted = Set.of(kinds);
        return k8sBase.stream().filter(o -> wanted.contains(Objects.toString(o.get("kind")))).toList();
    }

    /** Runs a check on each layout service's k8s/base workload; a missing workload is a failure of its own. */
    private static void forEachWorkload(SoftAssertions soft, BiConsumer<Service, Map<String, Object>> check) {
        for (Service s : layout.services()) {
            k8s("Deployment", "StatefulSet").stream().filter(w -> name(w).equals(s.deployName())).findFirst()
                    .ifPresentOrElse(w -> check.accept(s, w), () -> soft.fail("k8s/base has no workload %s (%s: %s)",
                            s.deployName(), PlatformLayout.FILE, s.name()));
        }
    }

    private static Map<String, Object> document(Path file, String kind) {
        try {
            for (Object doc : MiniKustomize.yaml().loadAll(Files.readString(file))) {
                if (doc != null && kind.equals(map(doc).get("kind"))) {
                    return map(doc);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        throw new AssertionError("no " + kind + " in " + root.relativize(file));
    }

    private static String name(Map<String, Object> obj) {
        return Objects.toString(map(obj.get("metadata")).get("name"));
    }

    /** The container named like its workload (the convention here), else the first one. */
    private static Map<String, Object> mainContainer(Map<String, Object> workload) {
        List<Map<String, Object>> containers = new ArrayList<>();
        list(mapAt(workload, false, "spec", "template", "spec").get("containers")).forEach(c -> containers.add(map(c)));
        if (containers.isEmpty()) {
            throw new AssertionError(name(workload) + " has no container");
        }
        return containers.stream().filter(c -> name(workload).equals(c.get("name"))).findFirst().orElse(containers.get(0));
    }

    private static Map<String, Map<String, Object>> k8sEnv(Map<String, Object> container) {
        Map<String, Map<String, Object>> env = new LinkedHashMap<>();
        list(container.get("env")).forEach(e -> env.put(Objects.toString(map(e).get("name")), map(e)));
        return env;
    }

    private static String value(Map<String, Map<String, Object>> env, String name) {
        Map<String, Object> entry = env.get(name);
        return entry == null || entry.get("value") == null ? null : entry.get("value").toString();
    }

    private static String secretKey(Map<String, Map<String, Object>> env, String name) {
        Map<String, Object> entry = env.get(name);
        return entry == null ? null : Objects.toString(mapAt(entry, false, "valueFrom", "secretKeyRef").get("key"), null);
    }

    /** The defaults of ${VAR:default} placeholders for one variable. */
    private static List<String> defaults(String text, String variable) {
        Matcher m = Pattern.compile("\\$\\{" + variable + ":([^}]*)}").matcher(text);
        List<String> out = new ArrayList<>();
        while (m.find()) {
            out.add(m.group(1).trim());
        }
        return out;
    }
}
