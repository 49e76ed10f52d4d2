package com.smartlinkauto.e2e.deploy;

import static com.smartlinkauto.e2e.deploy.MiniKustomize.list;
import static com.smartlinkauto.e2e.deploy.MiniKustomize.map;
import static com.smartlinkauto.e2e.deploy.MiniKustomize.mapAt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Renders k8s/ (base, overlays/local, overlays/production) and checks what a cluster operator
 * relies on: probes on the actuator health groups, resource requests and limits, hardened pods,
 * Services that select something, every Spring service (Deployment or StatefulSet) in every
 * overlay, storage nodes that scale with {@code kubectl scale} alone, secrets kept out of the
 * repository.
 *
 * <p>Rendering uses {@code kubectl kustomize} when kubectl is on the PATH (the real renderer),
 * else {@link MiniKustomize}. Where kubectl exists, the two must agree, which keeps the fallback
 * honest. {@code -Dsmartlink.kubectl=none} forces the fallback, {@code -Dsmartlink.kubectl=/path}
 * picks a kubectl.
 */
class K8sManifestsTest {

    private static final List<String> TARGETS = List.of("base", "overlays/local", "overlays/production");
    private static final Set<String> WORKLOAD_KINDS = Set.of("Deployment", "StatefulSet");
    /** The services, their needs, the databases: the one layout (LayoutConsistencyTest compares k8s/ with it). */
    private static final PlatformLayout LAYOUT = readLayout();
    /** Keys of the local Secret; the same keys as the docker compose .env (both written by ./smartlink secrets). */
    private static final List<String> SECRET_KEYS = secretKeys();
    /** Workload -> its Eureka application (the name its credential carries), for every service client. */
    private static final Map<String, String> SERVICE_CLIENTS = new TreeMap<>(LAYOUT.serviceClients().stream()
            .collect(Collectors.toMap(PlatformLayout.Service::deployName, PlatformLayout.Service::name)));

    private static Path repoRoot;
    private static Path workCopy;
    private static String kubectl;
    private static final Map<String, List<Map<String, Object>>> RENDERED = new LinkedHashMap<>();

    @BeforeAll
    static void render() throws IOException {
        repoRoot = findRepoRoot();
        workCopy = copyK8sWithDummySecrets(repoRoot.resolve("k8s"));
        kubectl = findKubectl();
        for (String target : TARGETS) {
            Path dir = workCopy.resolve(target);
            RENDERED.put(target, kubectl != null ? kubectlKustomize(dir) : new MiniKustomize().build(dir));
        }
    }

    @AfterAll
    static void cleanUp() throws IOException {
        if (workCopy != null) {
            deleteTree(workCopy);
        }
    }

    // ------------------------------------------------------------------------------------------
    // every overlay
    // ------------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"overlays/local", "overlays/production"})
    void everySpringServiceFromTheBaseIsInTheOverlay(String overlay) {
        assertThat(springServices()).as("Spring services in k8s/base")
                .containsAll(LAYOUT.services().stream().map(PlatformLayout.Service::deployName).toList());
        for (Map<String, Object> baseWorkload : workloads("base")) {
            String name = name(baseWorkload);
            assertThat(find(overlay, baseWorkload.get("kind").toString(), name))
                    .as("%s %s in %s", baseWorkload.get("kind"), name, overlay).isNotNull();
            assertThat(find(overlay, "Service", name)).as("Service %s in %s", name, overlay).isNotNull();
        }
    }

    /**
     * The checks on "Spring services" (every workload of k8s/base) cover StatefulSets as well as
     * Deployments: our own stateful services (storage nodes) get the same probes, limits and
     * hardening, and must not be mistaken for (or hidden among) the in-cluster infrastructure.
     */
    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/local", "overlays/production"})
    void springServiceChecksCoverDeploymentsAndStatefulSets(String target) {
        Set<Object> kinds = springWorkloads(target).stream().map(w -> w.get("kind")).collect(Collectors.toSet());
        assertThat(kinds).as("kinds of the Spring services' workloads in %s", target)
                .containsExactlyInAnyOrder("Deployment", "StatefulSet");
        for (Map<String, Object> workload : springWorkloads(target)) {
            assertThat(mainContainer(workload).get("image").toString()).as("%s %s image", target, name(workload))
                    .startsWith("smartlink/");
        }
        // a workload of our own is never only in an overlay (it would escape the checks above)
        for (Map<String, Object> workload : workloads(target)) {
            if (mainContainer(workload).get("image").toString().startsWith("smartlink/")) {
                assertThat(springServices()).as("%s %s %s is in k8s/base", target, workload.get("kind"), name(workload))
                        .contains(name(workload));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/local", "overlays/production"})
    void springStatefulSetsMountEveryVolumeClaimTemplate(String target) {
        for (Map<String, Object> sts : springWorkloads(target)) {
            if (!"StatefulSet".equals(sts.get("kind"))) {
                continue;
            }
            String what = target + " StatefulSet " + name(sts);
            List<Object> templates = list(mapAt(sts, false, "spec").get("volumeClaimTemplates"));
            assertThat(templates).as("%s volumeClaimTemplates", what).isNotEmpty();
            Set<Object> mounted = list(mainContainer(sts).get("volumeMounts")).stream()
                    .map(m -> map(m).get("name")).collect(Collectors.toSet());
            for (Object t : templates) {
                Object claim = mapAt(map(t), false, "metadata").get("name");
                assertThat(mounted).as("%s mounts its volume claim %s", what, claim).contains(claim);
                assertThat(mapAt(map(t), false, "spec", "resources", "requests").get("storage"))
                        .as("%s claim %s requests storage", what, claim).isNotNull();
            }
            // the volume is writable for the image's uid (10001) through the pod's fsGroup
            assertThat(mapAt(sts, false, "spec", "template", "spec", "securityContext").get("fsGroup"))
                    .as("%s fsGroup", what).isEqualTo(10001);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/local", "overlays/production"})
    void springServicesProbeTheActuatorHealthGroups(String target) {
        for (Map<String, Object> workload : springWorkloads(target)) {
            Map<String, Object> container = mainContainer(workload);
            String what = target + " " + name(workload);
            assertThat(httpGetPath(container, "livenessProbe")).as("%s livenessProbe", what)
                    .isEqualTo("/actuator/health/liveness");
            assertThat(httpGetPath(container, "readinessProbe")).as("%s readinessProbe", what)
                    .isEqualTo("/actuator/health/readiness");
            assertThat(httpGetPath(container, "startupProbe")).as("%s startupProbe", what)
                    .startsWith("/actuator/health");
            for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
                Object port = mapAt(container, false, probe, "httpGet").get("port");
                assertThat(containerPortMatches(container, port))
                        .as("%s %s port %s is a container port", what, probe, port).isTrue();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"overlays/local", "overlays/production"})
    void everyWorkloadHasProbes(String overlay) {
        for (Map<String, Object> workload : workloads(overlay)) {
            for (Map<String, Object> container : containers(workload, "containers")) {
                for (String probe : List.of("livenessProbe", "readinessProbe")) {
                    Map<String, Object> p = map(container.get(probe));
                    assertThat(p.keySet()).as("%s %s/%s %s handler", overlay, name(workload),
                                    container.get("name"), probe)
                            .containsAnyOf("httpGet", "tcpSocket", "exec", "grpc");
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"overlays/local", "overlays/production"})
    void everyContainerHasCpuAndMemoryRequestsAndLimits(String overlay) {
        for (Map<String, Object> workload : workloads(overlay)) {
            for (String field : List.of("initContainers", "containers")) {
                for (Map<String, Object> container : containers(workload, field)) {
                    for (String bound : List.of("requests", "limits")) {
                        assertThat(mapAt(container, false, "resources", bound).keySet())
                                .as("%s %s/%s resources.%s", overlay, name(workload), container.get("name"), bound)
                                .contains("cpu", "memory");
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"overlays/local", "overlays/production"})
    void springServicesRunNonRootOnAReadOnlyRootFilesystem(String overlay) {
        for (Map<String, Object> workload : springWorkloads(overlay)) {
            Map<String, Object> pod = podSpec(workload);
            Map<String, Object> podSc = map(pod.get("securityContext"));
            String what = overlay + " " + name(workload);
            assertThat(pod.get("automountServiceAccountToken")).as("%s automountServiceAccountToken", what)
                    .isEqualTo(false);
            for (Map<String, Object> container : containers(workload, "containers")) {
                Map<String, Object> sc = map(container.get("securityContext"));
                assertThat(firstNonNull(sc.get("runAsNonRoot"), podSc.get("runAsNonRoot")))
                        .as("%s runAsNonRoot", what).isEqualTo(true);
                assertThat(firstNonNull(sc.get("runAsUser"), podSc.get("runAsUser")))
                        .as("%s runAsUser (the image's uid)", what).isEqualTo(10001);
                assertThat(sc.get("readOnlyRootFilesystem")).as("%s readOnlyRootFilesystem", what).isEqualTo(true);
                assertThat(sc.get("allowPrivilegeEscalation")).as("%s allowPrivilegeEscalation", what)
                        .isEqualTo(false);
                assertThat(list(mapAt(sc, false, "capabilities").get("drop"))).as("%s capabilities.drop", what)
                        .contains("ALL");
                assertThat(firstNonNull(map(sc.get("seccompProfile")).get("type"),
                        map(podSc.get("seccompProfile")).get("type"))).as("%s seccompProfile", what)
                        .isEqualTo("RuntimeDefault");
                // the JVM needs one writable directory
                Object tmpVolume = list(container.get("volumeMounts")).stream().map(MiniKustomize::map)
                        .filter(m -> "/tmp".equals(m.get("mountPath"))).map(m -> m.get("name"))
                        .findFirst().orElse(null);
                assertThat(tmpVolume).as("%s mounts a volume on /tmp", what).isNotNull();
                assertThat(list(pod.get("volumes")).stream().map(MiniKustomize::map)
                        .filter(v -> tmpVolume.equals(v.get("name"))).anyMatch(v -> v.containsKey("emptyDir")))
                        .as("%s /tmp is an emptyDir", what).isTrue();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/local", "overlays/production"})
    void everyServiceSelectsAWorkloadAndItsPorts(String target) {
        List<Map<String, Object>> services = objects(target, "Service");
        assertThat(services).as("Services in %s", target).isNotEmpty();
        for (Map<String, Object> service : services) {
            Map<String, Object> selector = mapAt(service, false, "spec", "selector");
            assertThat(selector).as("%s Service %s selector", target, name(service)).isNotEmpty();
            List<Map<String, Object>> selected = workloads(target).stream()
                    .filter(w -> Objects.equals(namespace(w), namespace(service)))
                    .filter(w -> mapAt(w, false, "spec", "template", "metadata", "labels").entrySet()
                            .containsAll(selector.entrySet()))
                    .collect(Collectors.toList());
            assertThat(selected).as("%s workloads selected by Service %s %s", target, name(service), selector)
                    .isNotEmpty();
            for (Object p : list(mapAt(service, false, "spec").get("ports"))) {
                Object targetPort = firstNonNull(map(p).get("targetPort"), map(p).get("port"));
                assertThat(selected.stream().flatMap(w -> containers(w, "containers").stream())
                        .anyMatch(c -> containerPortMatches(c, targetPort)))
                        .as("%s Service %s targetPort %s is a container port", target, name(service), targetPort)
                        .isTrue();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"overlays/local", "overlays/production"})
    void referencedConfigMapsExistAndSecretsAreProvidedAsDocumented(String overlay) throws IOException {
        String readme = Files.readString(repoRoot.resolve("k8s/README.md"));
        for (Map<String, Object> workload : workloads(overlay)) {
            Map<String, Set<String>> refs = references(workload);
            for (String cm : refs.get("ConfigMap")) {
                assertThat(find(overlay, "ConfigMap", cm)).as("%s: ConfigMap %s used by %s", overlay, cm,
                        name(workload)).isNotNull();
            }
            for (String secret : refs.get("Secret")) {
                if (overlay.endsWith("local")) {
                    assertThat(find(overlay, "Secret", secret)).as("%s: Secret %s used by %s", overlay, secret,
                            name(workload)).isNotNull();
                } else {
                    assertThat(readme).as("k8s/README.md documents the pre-existing Secret %s", secret)
                            .contains(secret);
                }
            }
            // a Secret the workload reads only optionally (payment-service's smartlink-stripe): the operator creates
            // it (never committed, in no overlay), so it is documented with its keys, and the pod starts without it
            for (String secret : refs.get("OptionalSecret")) {
                assertThat(find(overlay, "Secret", secret)).as("%s: the optional Secret %s (used by %s) is not rendered",
                        overlay, secret, name(workload)).isNull();
                assertThat(readme).as("k8s/README.md documents the optional Secret %s", secret).contains("`" + secret + "`");
            }
            for (Map.Entry<String, String> key : secretKeyRefs(workload)) {
                if (refs.get("OptionalSecret").contains(key.getKey())) {
                    assertThat(readme).as("k8s/README.md documents key %s of the optional Secret %s (used by %s)",
                            key.getValue(), key.getKey(), name(workload)).contains("`" + key.getValue() + "`");
                } else if (overlay.endsWith("local")) {
                    Map<String, Object> secret = find(overlay, "Secret", key.getKey());
                    assertThat(secret).as("%s: Secret %s used by %s", overlay, key.getKey(), name(workload))
                            .isNotNull();
                    assertThat(map(secret.get("data"))).as("%s: key %s of Secret %s used by %s", overlay,
                            key.getValue(), key.getKey(), name(workload)).containsKey(key.getValue());
                } else {
                    assertThat(readme).as("k8s/README.md documents key %s of the Secret %s (used by %s)",
                            key.getValue(), key.getKey(), name(workload)).contains("`" + key.getValue() + "`");
                }
            }
        }
        if (overlay.endsWith("production")) {
            for (Map<String, Object> ingress : objects(overlay, "Ingress")) {
                for (Object tls : list(mapAt(ingress, false, "spec").get("tls"))) {
                    assertThat(readme).as("k8s/README.md documents the TLS Secret")
                            .contains(map(tls).get("secretName").toString());
                }
            }
        }
    }

    // ------------------------------------------------------------------------------------------
    // storage nodes
    // ------------------------------------------------------------------------------------------

    /**
     * Storage nodes scale with {@code kubectl scale statefulset storage-node --replicas=N} alone:
     * one PVC per pod from a volumeClaimTemplate, identity from the pod name (the node derives
     * {@code node-<n>} from the host name {@code storage-node-<n>}, so nothing may pin an id), a
     * headless governing Service, a PodDisruptionBudget, spread over machines.
     */
    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/local", "overlays/production"})
    void storageNodesAreAScalableStatefulSet(String target) {
        Map<String, Object> sts = find(target, "StatefulSet", "storage-node");
        assertThat(sts).as("%s StatefulSet storage-node (the node derives its id from this name)", target).isNotNull();
        Map<String, Object> spec = mapAt(sts, false, "spec");
        Map<String, Object> pod = podSpec(sts);
        Map<String, Object> podLabels = mapAt(sts, false, "spec", "template", "metadata", "labels");
        Map<String, Object> container = mainContainer(sts);
        String what = target + " storage-node";

        assertThat((Integer) spec.get("replicas")).as("%s replicas (replication 3 needs 3 nodes)", what)
                .isGreaterThanOrEqualTo(3);
        assertThat(spec.get("podManagementPolicy")).as("%s podManagementPolicy", what).isEqualTo("Parallel");
        assertThat(podLabels.entrySet()).as("%s selector matches the pod template", what)
                .containsAll(mapAt(spec, false, "selector", "matchLabels").entrySet());

        // one volume per node, mounted where the image keeps chunks
        List<Object> claims = list(spec.get("volumeClaimTemplates"));
        assertThat(claims).as("%s volumeClaimTemplates", what).hasSize(1);
        Object claim = mapAt(map(claims.get(0)), false, "metadata").get("name");
        assertThat(list(container.get("volumeMounts")).stream().map(MiniKustomize::map)
                .filter(m -> claim.equals(m.get("name"))).map(m -> m.get("mountPath")))
                .as("%s mounts claim %s", what, claim).containsExactly("/var/lib/smartlink/chunks");
        assertThat(list(pod.get("volumes")).stream().map(v -> map(v).get("name")))
                .as("%s: no pod volume shadows the claim %s", what, claim).doesNotContain(claim);

        // identity from the ordinal: nothing the replicas share may pin one id or one directory
        List<Object> envNames = list(container.get("env")).stream().map(e -> map(e).get("name"))
                .collect(Collectors.toList());
        assertThat(envNames).as("%s env", what).doesNotContain("SMARTLINK_NODE_ID", "SMARTLINK_NODE_DATA_DIR");
        for (Object port : list(container.get("ports"))) {
            assertThat(map(port)).as("%s: no host ports (replicas share machines)", what).doesNotContainKey("hostPort");
        }
        assertThat((Integer) pod.get("terminationGracePeriodSeconds")).as("%s terminationGracePeriodSeconds", what)
                .isGreaterThanOrEqualTo(25);

        // headless governing Service
        Object serviceName = spec.get("serviceName");
        assertThat(serviceName).as("%s serviceName", what).isEqualTo("storage-node");
        Map<String, Object> headless = find(target, "Service", serviceName.toString());
        assertThat(headless).as("%s governing Service %s", what, serviceName).isNotNull();
        assertThat(mapAt(headless, false, "spec").get("clusterIP")).as("%s Service clusterIP", what).isEqualTo("None");
        assertThat(podLabels.entrySet()).as("%s Service selects the nodes", what)
                .containsAll(mapAt(headless, false, "spec", "selector").entrySet());

        // a PodDisruptionBudget: one node at a time
        List<Map<String, Object>> pdbs = objects(target, "PodDisruptionBudget").stream()
                .filter(pdb -> {
                    Map<String, Object> sel = mapAt(pdb, false, "spec", "selector", "matchLabels");
                    return !sel.isEmpty() && podLabels.entrySet().containsAll(sel.entrySet());
                })
                .collect(Collectors.toList());
        assertThat(pdbs).as("%s PodDisruptionBudget selecting the nodes", what).hasSize(1);
        assertThat(mapAt(pdbs.get(0), false, "spec").get("maxUnavailable")).as("%s PDB maxUnavailable", what)
                .isEqualTo(1);

        // spread: anti-affinity preferring distinct machines, keyed on the nodes' own labels
        List<Map<String, Object>> terms = list(mapAt(pod, false, "affinity", "podAntiAffinity")
                .get("preferredDuringSchedulingIgnoredDuringExecution")).stream()
                .map(t -> mapAt(map(t), false, "podAffinityTerm")).collect(Collectors.toList());
        assertThat(terms.stream().map(t -> t.get("topologyKey"))).as("%s anti-affinity topology keys", what)
                .contains("kubernetes.io/hostname", "topology.kubernetes.io/zone");
        for (Map<String, Object> term : terms) {
            assertThat(podLabels.entrySet()).as("%s anti-affinity term %s selects the nodes", what, term)
                    .containsAll(mapAt(term, false, "labelSelector", "matchLabels").entrySet());
        }
        assertThat(mapAt(sts, false, "spec", "template", "metadata", "annotations"))
                .as("%s prometheus annotations", what)
                .containsEntry("prometheus.io/scrape", "true").containsEntry("prometheus.io/port", "9101");
    }

    // ------------------------------------------------------------------------------------------
    // storage controller
    // ------------------------------------------------------------------------------------------

    /**
     * The storage controller is a Deployment named like its Eureka application (the gateway's
     * {@code lb://storage-controller-service} and the nodes' default controller URL
     * {@code http://storage-controller-service} both depend on that name), on its own database
     * {@code storage} with the password from the Secret, behind a ClusterIP Service on 8085. The
     * storage nodes do not point anywhere else. Probes, limits and hardening are checked for it
     * with every Spring service above.
     */
    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/local", "overlays/production"})
    void storageControllerIsADeploymentOnTheStorageDatabase(String target) {
        Map<String, Object> deployment = assertDatabaseDeployment(target, "storage-controller-service", 8085,
                "storage", "STORAGE_DB_PASSWORD");
        assertThat(secretKeyRefs(deployment)).as("%s storage-controller-service needs only its database password and "
                + "its service credential", target).containsExactlyInAnyOrder(Map.entry("smartlink-secrets", "STORAGE_DB_PASSWORD"),
                        Map.entry("smartlink-secrets", "SERVICE_SECRET_STORAGE_CONTROLLER_SERVICE"));

        // the nodes find it under that name (their default); nothing may point them elsewhere
        for (Map<String, Object> node : objects(target, "StatefulSet")) {
            if (!"storage-node".equals(name(node))) {
                continue;
            }
            for (Object e : list(mainContainer(node).get("env"))) {
                if ("SMARTLINK_NODE_CONTROLLER_URL".equals(map(e).get("name"))) {
                    assertThat(map(e).get("value")).as("%s storage-node SMARTLINK_NODE_CONTROLLER_URL", target)
                            .isEqualTo("http://storage-controller-service");
                }
            }
        }
    }

    // ------------------------------------------------------------------------------------------
    // vehicle-service
    // ------------------------------------------------------------------------------------------

    /**
     * vehicle-service is a Deployment named like its Eureka application (the gateway routes
     * {@code lb://vehicle-service}), on its own database {@code vehicles}, behind a ClusterIP
     * Service on 8082. It uses the cache Redis (search and vehicle cache; volatile-lru), never the
     * state one, with the cache Redis's password. Photo uploads (multipart, up to 10 MB
     * each) are spooled to {@code /tmp}, the only writable path: its emptyDir must hold a few
     * dozen of them at once, or the pod is evicted mid-upload.
     */
    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/local", "overlays/production"})
    void vehicleServiceIsADeploymentOnTheVehiclesDatabase(String target) {
        String what = target + " vehicle-service";
        Map<String, Object> deployment = assertDatabaseDeployment(target, "vehicle-service", 8082, "vehicles",
                "VEHICLES_DB_PASSWORD");
        List<Map.Entry<String, String>> secrets = List.of(Map.entry("smartlink-secrets", "VEHICLES_DB_PASSWORD"),
                Map.entry("smartlink-secrets", "SERVICE_SECRET_VEHICLE_SERVICE"),
                Map.entry("smartlink-secrets", "REDIS_CACHE_PASSWORD"));
        assertThat(secretKeyRefs(deployment)).as("%s secrets", what).containsExactlyInAnyOrderElementsOf(secrets);
        Map<String, Map<String, Object>> env = env(mainContainer(deployment));
        assertThat(env.get("REDIS_HOST")).as("%s REDIS_HOST", what).containsEntry("value", "$(REDIS_CACHE_HOST)");
        assertThat(env.get("REDIS_PORT")).as("%s REDIS_PORT", what).containsEntry("value", "$(REDIS_CACHE_PORT)");
        assertThat(mapAt(env.get("REDIS_PASSWORD"), false, "valueFrom", "secretKeyRef"))
                .as("%s REDIS_PASSWORD", what).containsEntry("key", "REDIS_CACHE_PASSWORD");

        Object tmpVolume = list(mainContainer(deployment).get("volumeMounts")).stream().map(MiniKustomize::map)
                .filter(m -> "/tmp".equals(m.get("mountPath"))).map(m -> m.get("name")).findFirst().orElse(null);
        Map<String, Object> emptyDir = list(podSpec(deployment).get("volumes")).stream().map(MiniKustomize::map)
                .filter(v -> Objects.equals(tmpVolume, v.get("name"))).map(v -> map(v.get("emptyDir")))
                .findFirst().orElse(Map.of());
        assertThat(emptyDir.get("medium")).as("%s /tmp on disk, not in the memory limit", what).isNull();
        Object sizeLimit = emptyDir.get("sizeLimit");
        assertThat(sizeLimit).as("%s /tmp sizeLimit", what).isNotNull();
        assertThat(mebibytes(sizeLimit.toString())).as("%s /tmp sizeLimit %s in MiB", what, sizeLimit)
                .isGreaterThanOrEqualTo(512);
    }

    /**
     * A DB-backed Spring service: a Deployment selecting its own pods, container and image named
     * like the service, its port (also for Prometheus), its own database with its own role and a
     * password from the Secret (k8s/README.md, "Adding a service"), the shared environment, and a
     * ClusterIP Service on the same port named like the Eureka application.
     */
    private static Map<String, Object> assertDatabaseDeployment(String target, String name, int port,
            String database, String passwordKey) {
        String what = target + " " + name;
        Map<String, Object> deployment = find(target, "Deployment", name);
        assertThat(deployment).as("%s Deployment", what).isNotNull();
        Map<String, Object> spec = mapAt(deployment, false, "spec");
        Map<String, Object> podLabels = mapAt(deployment, false, "spec", "template", "metadata", "labels");
        assertThat(podLabels.entrySet()).as("%s selector matches the pod template", what)
                .containsAll(mapAt(spec, false, "selector", "matchLabels").entrySet());
        assertThat(mapAt(spec, false, "selector", "matchLabels"))
                .as("%s selects its own pods only", what).containsEntry("app.kubernetes.io/name", name);

        Map<String, Object> container = mainContainer(deployment);
        assertThat(container.get("name")).as("%s container name", what).isEqualTo(name);
        assertThat(container.get("image").toString()).as("%s image", what).startsWith("smartlink/" + name + ":");
        assertThat(containerPortMatches(container, port)).as("%s container port %s", what, port).isTrue();
        assertThat(mapAt(deployment, false, "spec", "template", "metadata", "annotations"))
                .as("%s prometheus annotations", what)
                .containsEntry("prometheus.io/scrape", "true").containsEntry("prometheus.io/port", String.valueOf(port));

        Map<String, Map<String, Object>> env = env(container);
        assertThat(env.get("DB_URL")).as("%s DB_URL", what).isNotNull();
        assertThat(env.get("DB_URL").get("value"))
                .as("%s DB_URL", what)
                .isEqualTo("jdbc:postgresql://$(POSTGRES_HOST):$(POSTGRES_PORT)/" + database + "$(POSTGRES_JDBC_PARAMS)");
        assertThat(env.get("DB_USERNAME")).as("%s DB_USERNAME", what).isNotNull();
        assertThat(env.get("DB_USERNAME").get("value")).as("%s DB_USERNAME", what).isEqualTo(database);
        assertThat(env.get("DB_PASSWORD")).as("%s DB_PASSWORD", what).isNotNull();
        assertThat(env.get("DB_PASSWORD")).as("%s DB_PASSWORD is no literal", what).doesNotContainKey("value");
        assertThat(mapAt(env.get("DB_PASSWORD"), false, "valueFrom", "secretKeyRef"))
                .as("%s DB_PASSWORD", what)
                .containsEntry("name", "smartlink-secrets").containsEntry("key", passwordKey);
        assertThat(list(container.get("envFrom")).stream().map(e -> map(map(e).get("configMapRef")).get("name")))
                .as("%s shared environment", what).contains("smartlink-env");

        Map<String, Object> service = find(target, "Service", name);
        assertThat(service).as("%s Service", what).isNotNull();
        assertThat(mapAt(service, false, "spec").getOrDefault("type", "ClusterIP")).as("%s Service type", what)
                .isEqualTo("ClusterIP");
        assertThat(podLabels.entrySet()).as("%s Service selects its pods", what)
                .containsAll(mapAt(service, false, "spec", "selector").entrySet());
        assertThat(list(mapAt(service, false, "spec").get("ports")).stream().map(p -> map(p).get("port")))
                .as("%s Service ports", what).containsExactly(port);
        return deployment;
    }

    // ------------------------------------------------------------------------------------------
    // local overlay
    // ------------------------------------------------------------------------------------------

    @Test
    void localOverlayRunsTheInfrastructureInTheCluster() throws IOException {
        String local = "overlays/local";
        for (String infra : List.of("postgres", "redis", "redis-cache", "kafka")) {
            Map<String, Object> sts = find(local, "StatefulSet", infra);
            assertThat(sts).as("StatefulSet %s", infra).isNotNull();
            assertThat(mapAt(sts, false, "spec").get("replicas")).as("%s replicas", infra).isEqualTo(1);
            assertThat(list(mapAt(sts, false, "spec").get("volumeClaimTemplates"))).as("%s PVC", infra).isNotEmpty();
            assertThat(find(local, "Service", infra)).as("Service %s", infra).isNotNull();
            Map<String, Object> headless = find(local, "Service", mapAt(sts, false, "spec").get("serviceName").toString());
            assertThat(headless).as("governing Service of %s", infra).isNotNull();
            assertThat(mapAt(headless, false, "spec").get("clusterIP")).isEqualTo("None");
        }
        Map<String, Object> secret = find(local, "Secret", "smartlink-secrets");
        assertThat(secret).as("Secret smartlink-secrets from secrets.env").isNotNull();
        assertThat(map(secret.get("data")).keySet()).containsExactlyInAnyOrderElementsOf(SECRET_KEYS);
        String script = Files.readString(repoRoot.resolve("infra/docker/postgres/init-databases.sh"));
        assertThat(map(find(local, "ConfigMap", "postgres-init").get("data")).get("init-databases.sh"))
                .as("postgres-init ConfigMap carries the compose init script").isEqualTo(script);
        for (Map<String, Object> obj : RENDERED.get(local)) {
            if (!"Namespace".equals(obj.get("kind"))) {
                assertThat(namespace(obj)).as("namespace of %s", MiniKustomize.id(obj)).isEqualTo("smartlink");
            }
        }
    }

    @Test
    void postgresInitScriptIsTheSameForComposeAndKubernetes() throws IOException {
        assertThat(Files.readString(repoRoot.resolve("k8s/components/in-cluster-infra/postgres/init-databases.sh")))
                .as("k8s copy of infra/docker/postgres/init-databases.sh")
                .isEqualTo(Files.readString(repoRoot.resolve("infra/docker/postgres/init-databases.sh")));
    }

    @Test
    void secretsEnvIsNotCommitted() throws IOException {
        Path gitignore = repoRoot.resolve("k8s/overlays/local/.gitignore");
        assertThat(gitignore).exists();
        assertThat(Files.readAllLines(gitignore)).contains("secrets.env");
    }

    // ------------------------------------------------------------------------------------------
    // production overlay
    // ------------------------------------------------------------------------------------------

    @Test
    void productionUsesManagedInfrastructureAndKeepsTheGatewayAvailable() {
        String prod = "overlays/production";
        // StatefulSets of our own services (storage nodes) only, no in-cluster infrastructure
        assertThat(objects(prod, "StatefulSet")).as("no in-cluster infrastructure")
                .allSatisfy(sts -> assertThat(springServices()).contains(name(sts)))
                .noneSatisfy(sts -> assertThat(List.of("postgres", "redis", "redis-cache", "kafka")).contains(name(sts)));
        assertThat(objects(prod, "Secret")).as("credentials come from pre-existing Secrets").isEmpty();
        Map<String, Object> env = map(find(prod, "ConfigMap", "smartlink-env").get("data"));
        assertThat(env.get("REDIS_HOST")).isNotEqualTo("redis");
        assertThat(env.get("REDIS_CACHE_HOST")).isNotEqualTo("redis-cache");
        assertThat(env.get("POSTGRES_HOST")).isNotEqualTo("postgres");
        assertThat(env.get("KAFKA_BOOTSTRAP_SERVERS")).isNotEqualTo("kafka:9092");
        assertThat(env.get("SPRING_PROFILES_ACTIVE")).isEqualTo("kubernetes");

        List<Map<String, Object>> pdbs = objects(prod, "PodDisruptionBudget");
        for (String replicated : List.of("gateway-service", "user-service", "storage-controller-service",
                "vehicle-service", "booking-service", "payment-service")) {
            Map<String, Object> deployment = find(prod, "Deployment", replicated);
            assertThat(mapAt(deployment, false, "spec").get("replicas")).as("%s replicas", replicated).isEqualTo(2);
            Map<String, Object> podLabels = mapAt(deployment, false, "spec", "template", "metadata", "labels");
            assertThat(pdbs).as("a PodDisruptionBudget for %s", replicated)
                    .anySatisfy(pdb -> assertThat(podLabels.entrySet())
                            .containsAll(mapAt(pdb, false, "spec", "selector", "matchLabels").entrySet()));
        }
        assertThat(pdbs).allSatisfy(pdb -> assertThat(mapAt(pdb, false, "spec", "selector", "matchLabels"))
                .isNotEmpty());

        assertThat(objects(prod, "HorizontalPodAutoscaler")).anySatisfy(hpa -> {
            Map<String, Object> ref = mapAt(hpa, false, "spec", "scaleTargetRef");
            assertThat(ref.get("kind")).isEqualTo("Deployment");
            assertThat(ref.get("name")).isEqualTo("gateway-service");
            assertThat((Integer) mapAt(hpa, false, "spec").get("minReplicas")).isGreaterThanOrEqualTo(2);
        });

        List<Map<String, Object>> ingresses = objects(prod, "Ingress");
        assertThat(ingresses).as("the gateway's public entry").isNotEmpty();
        for (Map<String, Object> ingress : ingresses) {
            for (Object rule : list(mapAt(ingress, false, "spec").get("rules"))) {
                for (Object path : list(mapAt(map(rule), false, "http").get("paths"))) {
                    assertThat(mapAt(map(path), false, "backend", "service").get("name"))
                            .as("Ingress backends: the gateway only").isEqualTo("gateway-service");
                }
            }
        }
        for (String target : TARGETS) {
            for (Map<String, Object> service : objects(target, "Service")) {
                assertThat(mapAt(service, false, "spec").getOrDefault("type", "ClusterIP"))
                        .as("%s Service %s is internal", target, name(service)).isEqualTo("ClusterIP");
            }
        }
    }

    // ------------------------------------------------------------------------------------------
    // service credentials, Redis, the gateway's management port
    // ------------------------------------------------------------------------------------------

    /**
     * Every service but the registry proves who it is with its own secret (SMARTLINK_SERVICE_SECRET from its own
     * key); the registry and user-service know every client's (SMARTLINK_SERVICE_CLIENTS, built from
     * Secret-backed variables defined before it, never a literal).
     */
    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/local", "overlays/production"})
    void everyServiceCarriesItsOwnCredentialAndTheVerifiersKnowEveryClient(String target) {
        for (Map<String, Object> workload : springWorkloads(target)) {
            String name = name(workload);
            Map<String, Map<String, Object>> env = env(mainContainer(workload));
            if (name.equals("discovery-service")) {
                assertThat(env).as("%s discovery-service has no credential of its own", target)
                        .doesNotContainKey("SMARTLINK_SERVICE_SECRET");
                assertThat(mapAt(env.get("SMARTLINK_DISCOVERY_DASHBOARD_PASSWORD"), false, "valueFrom", "secretKeyRef"))
                        .as("%s the dashboard's login", target).containsEntry("key", "DISCOVERY_DASHBOARD_PASSWORD");
            } else {
                assertThat(SERVICE_CLIENTS).as("%s: %s is a service client", target, name).containsKey(name);
                assertThat(mapAt(env.get("SMARTLINK_SERVICE_SECRET"), false, "valueFrom", "secretKeyRef"))
                        .as("%s %s SMARTLINK_SERVICE_SECRET", target, name)
                        .containsEntry("name", "smartlink-secrets").containsEntry("key", PlatformLayout.serviceSecretKey(SERVICE_CLIENTS.get(name)));
            }
        }
        String expectedClients = SERVICE_CLIENTS.values().stream().sorted()
                .map(app -> app + "=$(" + PlatformLayout.serviceSecretKey(app) + ")").collect(Collectors.joining(","));
        for (String verifier : List.of("discovery-service", "user-service")) {
            List<Object> env = list(mainContainer(find(target, "Deployment", verifier)).get("env"));
            List<String> names = env.stream().map(e -> Objects.toString(map(e).get("name"))).collect(Collectors.toList());
            Map<String, Object> clients = map(env.get(names.indexOf("SMARTLINK_SERVICE_CLIENTS")));
            String value = Objects.toString(clients.get("value"));
            assertThat(Stream.of(value.split(",")).sorted().collect(Collectors.joining(",")))
                    .as("%s %s SMARTLINK_SERVICE_CLIENTS", target, verifier).isEqualTo(expectedClients);
            for (String app : SERVICE_CLIENTS.values()) {
                int at = names.indexOf(PlatformLayout.serviceSecretKey(app));
                assertThat(at).as("%s %s defines %s before SMARTLINK_SERVICE_CLIENTS", target, verifier, PlatformLayout.serviceSecretKey(app))
                        .isGreaterThanOrEqualTo(0).isLessThan(names.indexOf("SMARTLINK_SERVICE_CLIENTS"));
                assertThat(mapAt(map(env.get(at)), false, "valueFrom", "secretKeyRef"))
                        .as("%s %s %s", target, verifier, PlatformLayout.serviceSecretKey(app)).containsEntry("key", PlatformLayout.serviceSecretKey(app));
            }
        }
    }

    /** Redis clients: the gateway and user-service the state server's password, vehicle-service the cache server's. */
    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/local", "overlays/production"})
    void redisClientsGetThePasswordOfTheirOwnServer(String target) {
        Map<String, String> expected = new TreeMap<>();
        LAYOUT.services().forEach(s -> s.redis().ifPresent(redis -> expected.put(s.deployName(),
                PlatformLayout.REDIS_PASSWORD_KEYS.get(redis))));
        assertThat(expected).as("Redis clients in %s", PlatformLayout.FILE).isNotEmpty();
        expected.forEach((service, key) -> assertThat(mapAt(env(mainContainer(find(target, "Deployment", service)))
                .get("REDIS_PASSWORD"), false, "valueFrom", "secretKeyRef")).as("%s %s REDIS_PASSWORD", target, service)
                .containsEntry("name", "smartlink-secrets").containsEntry("key", key));
        for (Map<String, Object> workload : springWorkloads(target)) {
            assertThat(env(mainContainer(workload))).as("%s %s: the old variable name", target, name(workload))
                    .doesNotContainKey("SPRING_DATA_REDIS_PASSWORD");
        }
    }

    /**
     * The gateway's actuator (health, Prometheus) is on its management port: probes and the Prometheus annotation
     * use it; its Service, and so the Ingress, carry only the public port.
     */
    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/local", "overlays/production"})
    void theGatewaysActuatorIsOnItsManagementPortOnly(String target) {
        Map<String, Object> gateway = find(target, "Deployment", "gateway-service");
        Map<String, Object> container = mainContainer(gateway);
        assertThat(containerPortMatches(container, "management")).as("%s gateway port management", target).isTrue();
        assertThat(list(container.get("ports")).stream().map(MiniKustomize::map)
                .filter(port -> "management".equals(port.get("name"))).map(port -> port.get("containerPort")))
                .containsExactly(8090);
        assertThat(env(container).get("MANAGEMENT_SERVER_PORT")).as("%s MANAGEMENT_SERVER_PORT", target)
                .containsEntry("value", "8090");
        for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
            assertThat(mapAt(container, false, probe, "httpGet").get("port")).as("%s gateway %s", target, probe)
                    .isEqualTo("management");
        }
        assertThat(mapAt(gateway, false, "spec", "template", "metadata", "annotations"))
                .as("%s gateway prometheus annotations", target).containsEntry("prometheus.io/port", "8090");
        assertThat(list(mapAt(find(target, "Service", "gateway-service"), false, "spec").get("ports")).stream()
                .map(p -> map(p).get("targetPort"))).as("%s gateway Service target ports", target).containsExactly("http");
        for (Map<String, Object> ingress : objects(target, "Ingress")) {
            for (Object rule : list(mapAt(ingress, false, "spec").get("rules"))) {
                for (Object path : list(mapAt(map(rule), false, "http").get("paths"))) {
                    assertThat(mapAt(map(path), false, "backend", "service", "port").get("name"))
                            .as("%s Ingress backend port", target).isEqualTo("http");
                }
            }
        }
    }

    /**
     * The in-cluster Redis servers: the password from the Secret into a config file on a memory volume (never in
     * argv), noeviction for the state server, volatile-lru for the cache server.
     */
    @Test
    void inClusterRedisServersKeepTheirPasswordOffTheCommandLine() {
        Map<String, String> policies = Map.of("redis", "noeviction", "redis-cache", "volatile-lru");
        Map<String, String> keys = Map.of("redis", "REDIS_PASSWORD", "redis-cache", "REDIS_CACHE_PASSWORD");
        for (String name : policies.keySet()) {
            Map<String, Object> sts = find("overlays/local", "StatefulSet", name);
            Map<String, Object> container = mainContainer(sts);
            String command = String.join(" ", Stream.concat(list(container.get("command")).stream(),
                    list(container.get("args")).stream()).map(Object::toString).toList());
            assertThat(command).as("%s command", name).contains("requirepass").contains("\"$REDIS_PASSWORD\"")
                    .contains("/run/redis/redis.conf").contains("--maxmemory-policy " + policies.get(name))
                    .doesNotContain("--requirepass").doesNotContain("dummy-");
            for (String variable : List.of("REDIS_PASSWORD", "REDISCLI_AUTH")) {
                assertThat(mapAt(env(container).get(variable), false, "valueFrom", "secretKeyRef"))
                        .as("%s %s", name, variable).containsEntry("key", keys.get(name));
            }
            Object configVolume = list(container.get("volumeMounts")).stream().map(MiniKustomize::map)
                    .filter(m -> "/run/redis".equals(m.get("mountPath"))).map(m -> m.get("name")).findFirst().orElse(null);
            assertThat(list(podSpec(sts).get("volumes")).stream().map(MiniKustomize::map)
                    .filter(v -> Objects.equals(configVolume, v.get("name"))).map(v -> map(v.get("emptyDir")).get("medium")))
                    .as("%s /run/redis is a memory emptyDir", name).containsExactly("Memory");
        }
    }

    // ------------------------------------------------------------------------------------------
    // network policies
    // ------------------------------------------------------------------------------------------

    /**
     * Every connection the NetworkPolicies allow, as "from -> to:port" (TCP). "*" is a client anywhere outside the
     * cluster, "monitoring" a Prometheus pod in the namespace monitoring. An edge exists only where the sender's
     * egress and the receiver's ingress both allow it; anything not listed here must be refused.
     */
    private static final Set<String> PLATFORM_EDGES = platformEdges(
            // the public entry
            "* -> gateway-service:8080",
            "monitoring -> gateway-service:8080",
            // the gateway's routes
            "gateway-service -> user-service:8081",
            "gateway-service -> vehicle-service:8082",
            "gateway-service -> booking-service:8083",
            "gateway-service -> payment-service:8084",
            "gateway-service -> storage-controller-service:8085",
            // JWKS and service tokens
            "vehicle-service -> user-service:8081",
            "booking-service -> user-service:8081",
            "payment-service -> user-service:8081",
            // a hold's price, status and blackouts (/internal/vehicles)
            "booking-service -> vehicle-service:8082",
            // the booking a checkout is for, its confirmation once paid (/internal/bookings/{id})
            "payment-service -> booking-service:8083",
            // the admin overview's figures (/internal/vehicles/stats, /internal/overview, /internal/storage/stats)
            "user-service -> vehicle-service:8082",
            "user-service -> booking-service:8083",
            "storage-controller-service -> user-service:8081",
            "storage-node -> user-service:8081",
            // files into the storage network, heartbeats, chunks
            "user-service -> storage-controller-service:8085",
            "vehicle-service -> storage-controller-service:8085",
            "storage-node -> storage-controller-service:8085",
            "storage-controller-service -> storage-node:9101",
            "storage-node -> storage-node:9101");

    /**
     * The calls between services listed above, plus what every service of the layout gets: scraping of its actuator
     * port from the namespace monitoring, and its connections to the services of earlier start phases (Eureka, the
     * config server).
     */
    private static Set<String> platformEdges(String... calls) {
        Set<String> edges = new TreeSet<>(List.of(calls));
        for (PlatformLayout.Service s : LAYOUT.services()) {
            edges.add("monitoring -> " + s.deployName() + ":" + s.actuatorPort());
            for (PlatformLayout.Service earlier : LAYOUT.earlierPhases(s)) {
                edges.add(s.deployName() + " -> " + earlier.deployName() + ":" + earlier.port());
            }
        }
        return edges;
    }

    /** The in-cluster PostgreSQL, Redis pair and Kafka of the local overlay: each service's needs in the layout. */
    private static final Set<String> IN_CLUSTER_INFRA_EDGES = infraEdges(Map.of("postgres", "postgres:5432",
            "redis", "redis:6379", "redis-cache", "redis-cache:6379", "kafka", "kafka:9092"), "kafka -> kafka:9092");

    /** Production: the managed services outside the cluster, by address (overlays/production/managed-infra-egress.yaml). */
    private static final Set<String> MANAGED_INFRA_EDGES = infraEdges(Map.of("postgres", "10.20.0.0/28:5432",
            "redis", "10.20.1.0/28:6380", "redis-cache", "10.20.2.0/28:6380", "kafka", "10.20.3.0/28:9092"));

    /**
     * Egress to the internet, by address, in both overlays: payment-service to Stripe's API (api.stripe.com has no
     * fixed addresses: every public IPv4 address, on 443 only; {@link #onlyPaymentServiceReachesTheInternetAndOnlyPublicAddressesOnHttps}).
     */
    private static final Set<String> INTERNET_EDGES = Set.of("payment-service -> 0.0.0.0/0:443");

    /** "service -> where:port" for each need of each service (where: by infrastructure postgres, redis, redis-cache, kafka). */
    private static Set<String> infraEdges(Map<String, String> where, String... more) {
        Set<String> edges = new TreeSet<>(List.of(more));
        for (PlatformLayout.Service s : LAYOUT.services()) {
            s.database().ifPresent(db -> edges.add(s.deployName() + " -> " + where.get("postgres")));
            s.redis().ifPresent(redis -> edges.add(s.deployName() + " -> " + where.get(redis)));
            if (s.kafka()) {
                edges.add(s.deployName() + " -> " + where.get("kafka"));
            }
        }
        return edges;
    }

    private static PolicyGraph graph(String overlay) {
        return new PolicyGraph(RENDERED.get(overlay), WORKLOAD_KINDS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"overlays/local", "overlays/production"})
    void aDefaultDenyPolicyIsolatesEveryPodAndEachIsOpenedByAPolicyOfItsOwn(String overlay) {
        PolicyGraph graph = graph(overlay);
        assertThat(graph.policies()).as("%s default deny", overlay).anySatisfy(policy -> {
            Map<String, Object> spec = map(policy.get("spec"));
            assertThat(map(spec.get("podSelector"))).as("selects every pod").isEmpty();
            assertThat(list(spec.get("policyTypes"))).containsExactlyInAnyOrder("Ingress", "Egress");
            assertThat(spec).doesNotContainKeys("ingress", "egress");
        });
        PolicyGraph.Pod dns = PolicyGraph.external("kube-dns", "kube-system", Map.of("k8s-app", "kube-dns"), Map.of("dns", 53));
        for (PolicyGraph.Pod pod : graph.pods()) {
            for (String type : List.of("Ingress", "Egress")) {
                assertThat(graph.selecting(pod, type)).as("%s %s policies selecting %s", overlay, type, pod.name())
                        .anySatisfy(policy -> assertThat(map(map(policy.get("spec")).get("podSelector"))).isNotEmpty());
            }
            assertThat(graph.allowed(pod, dns, 53, "UDP")).as("%s %s resolves names (UDP 53)", overlay, pod.name()).isTrue();
            assertThat(graph.allowed(pod, dns, 53, "TCP")).as("%s %s resolves names (TCP 53)", overlay, pod.name()).isTrue();
            assertThat(graph.allowed(pod, dns, 80, "TCP")).as("%s %s reaches the DNS pod on 80", overlay, pod.name()).isFalse();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"overlays/local", "overlays/production"})
    void theAllowedConnectionsAreExactlyTheIntendedOnes(String overlay) {
        PolicyGraph graph = graph(overlay);
        Set<String> expected = new TreeSet<>(PLATFORM_EDGES);
        if (overlay.endsWith("local")) {
            expected.addAll(IN_CLUSTER_INFRA_EDGES);
        }
        assertThat(graph.edges()).as("%s allowed connections", overlay).containsExactlyInAnyOrderElementsOf(expected);
        Set<String> byAddress = new TreeSet<>(INTERNET_EDGES);
        if (overlay.endsWith("production")) {
            byAddress.addAll(MANAGED_INFRA_EDGES);
        }
        assertThat(graph.addressEdges()).as("%s egress by address", overlay).containsExactlyInAnyOrderElementsOf(byAddress);
    }

    /**
     * The one way out of the cluster: payment-service to a public address on 443 (Stripe). Not on another port, not
     * to a private, link-local (the cloud's metadata endpoint) or loopback address; no other workload anywhere
     * outside but the managed infrastructure (production) and DNS.
     */
    @ParameterizedTest
    @ValueSource(strings = {"overlays/local", "overlays/production"})
    void onlyPaymentServiceReachesTheInternetAndOnlyPublicAddressesOnHttps(String overlay) {
        PolicyGraph graph = graph(overlay);
        // api.stripe.com resolves to addresses like these (they change: the rule must not depend on them)
        List<String> publicAddresses = List.of("54.187.174.169", "13.112.224.240", "203.0.113.10", "1.1.1.1");
        List<String> closedAddresses = List.of("10.20.0.5", "10.96.0.1", "172.16.0.1", "172.31.255.254",
                "192.168.1.10", "169.254.169.254", "127.0.0.1");
        for (PolicyGraph.Pod pod : graph.pods()) {
            boolean payments = pod.name().equals("payment-service");
            for (String address : publicAddresses) {
                PolicyGraph.Pod outside = PolicyGraph.outside(address);
                assertThat(graph.allowed(pod, outside, 443, "TCP")).as("%s %s -> %s:443", overlay, pod.name(), address)
                        .isEqualTo(payments);
                for (int port : List.of(80, 22, 5432, 8443)) {
                    assertThat(graph.allowed(pod, outside, port, "TCP")).as("%s %s -> %s:%s", overlay, pod.name(),
                            address, port).isFalse();
                }
                assertThat(graph.allowed(pod, outside, 443, "UDP")).as("%s %s -> %s:443/UDP", overlay, pod.name(),
                        address).isFalse();
            }
            for (String address : closedAddresses) {
                assertThat(graph.allowed(pod, PolicyGraph.outside(address), 443, "TCP"))
                        .as("%s %s -> %s:443", overlay, pod.name(), address).isFalse();
            }
        }
    }

    /**
     * user-service's and the storage controller's ports carry their /internal APIs (service tokens, stored files):
     * only the services that need them, and the monitoring namespace, reach them; no outsider, and not the gateway
     * to anything but its routes (the gateway routes no /internal path: GatewayRoutingIT).
     */
    @ParameterizedTest
    @ValueSource(strings = {"overlays/local", "overlays/production"})
    void nothingElseReachesTheInternalApisOfUserServiceAndTheStorageController(String overlay) {
        Set<String> edges = graph(overlay).edges();
        assertThat(sourcesOf(edges, "user-service:8081")).as("%s who reaches user-service", overlay)
                .containsExactlyInAnyOrder("gateway-service", "vehicle-service", "booking-service", "payment-service",
                        "storage-controller-service", "storage-node", "monitoring");
        assertThat(sourcesOf(edges, "storage-controller-service:8085")).as("%s who reaches the storage controller", overlay)
                .containsExactlyInAnyOrder("gateway-service", "user-service", "vehicle-service", "storage-node", "monitoring");
        assertThat(sourcesOf(edges, "storage-node:9101")).as("%s who reaches the storage nodes", overlay)
                .containsExactlyInAnyOrder("storage-controller-service", "storage-node", "monitoring");
        // vehicle-service's /internal/vehicles: booking-service, and user-service for the overview's figures
        // (besides the gateway's routes and monitoring)
        assertThat(sourcesOf(edges, "vehicle-service:8082")).as("%s who reaches vehicle-service", overlay)
                .containsExactlyInAnyOrder("gateway-service", "booking-service", "user-service", "monitoring");
        // booking-service's /internal/bookings: payment-service; its /internal/overview: user-service (besides the
        // gateway's routes and monitoring)
        assertThat(sourcesOf(edges, "booking-service:8083")).as("%s who reaches booking-service", overlay)
                .containsExactlyInAnyOrder("gateway-service", "payment-service", "user-service", "monitoring");
        // payment-service: the gateway's routes (the provider's webhooks come through the gateway too) and monitoring
        assertThat(sourcesOf(edges, "payment-service:8084")).as("%s who reaches payment-service", overlay)
                .containsExactlyInAnyOrder("gateway-service", "monitoring");
        assertThat(edges.stream().filter(e -> e.startsWith("* -> "))).as("%s what an outsider reaches", overlay)
                .containsExactly("* -> gateway-service:8080");
    }

    /** The production egress rules open exactly the ports the services are configured to connect to. */
    @Test
    void productionEgressToTheManagedServicesUsesTheirConfiguredPorts() {
        Map<String, Object> env = map(find("overlays/production", "ConfigMap", "smartlink-env").get("data"));
        Set<String> kafkaPorts = Stream.of(env.get("KAFKA_BOOTSTRAP_SERVERS").toString().split(","))
                .map(address -> address.substring(address.lastIndexOf(':') + 1)).collect(Collectors.toCollection(TreeSet::new));
        Set<String> ports = MANAGED_INFRA_EDGES.stream().map(e -> e.substring(e.lastIndexOf(':') + 1))
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> configured = new TreeSet<>(kafkaPorts);
        configured.addAll(List.of(env.get("POSTGRES_PORT").toString(), env.get("REDIS_PORT").toString(),
                env.get("REDIS_CACHE_PORT").toString()));
        assertThat(ports).as("ports of the managed-infra egress rules vs smartlink-env").isEqualTo(configured);
        for (String edge : MANAGED_INFRA_EDGES) {
            String cidr = edge.substring(edge.indexOf("-> ") + 3, edge.lastIndexOf(':'));
            assertThat(cidr).as("a private range, never the whole internet").doesNotStartWith("0.0.0.0");
        }
    }

    private static Set<String> sourcesOf(Set<String> edges, String destination) {
        return edges.stream().filter(e -> e.endsWith(" -> " + destination)).map(e -> e.substring(0, e.indexOf(" -> ")))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    // ------------------------------------------------------------------------------------------
    // the fallback renderer
    // ------------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/local", "overlays/production"})
    void fallbackRendererAgreesWithKubectl(String target) {
        assumeTrue(kubectl != null, "kubectl not on PATH: the fallback renderer was used for every check");
        assertSameObjects(target, RENDERED.get(target), new MiniKustomize().build(workCopy.resolve(target)));
    }

    @Test
    void fallbackRendererAgreesWithKubectlOnEveryFeatureItSupports() throws IOException {
        assumeTrue(kubectl != null, "kubectl not on PATH");
        Path fixture = Files.createTempDirectory("mini-kustomize");
        try {
            writeFeatureFixture(fixture);
            Path overlay = fixture.resolve("overlay");
            assertSameObjects("feature fixture", kubectlKustomize(overlay), new MiniKustomize().build(overlay));
        } finally {
            deleteTree(fixture);
        }
    }

    @Test
    void fallbackRendererRefusesWhatItDoesNotImplement() throws IOException {
        Path dir = Files.createTempDirectory("mini-kustomize");
        try {
            Files.writeString(dir.resolve("cm.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n");
            Files.writeString(dir.resolve("kustomization.yaml"), "resources: [cm.yaml]\nnamePrefix: x-\n");
            assertThatThrownBy(() -> new MiniKustomize().build(dir))
                    .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("namePrefix");
            Files.writeString(dir.resolve("kustomization.yaml"), "resources: [cm.yaml]\n"
                    + "patches:\n- target: {kind: ConfigMap, name: a}\n"
                    + "  patch: '[{\"op\": \"add\", \"path\": \"/data\", \"value\": {}}]'\n");
            assertThatThrownBy(() -> new MiniKustomize().build(dir))
                    .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("JSON 6902");
            Files.writeString(dir.resolve("kustomization.yaml"), "configMapGenerator:\n- name: g\n  literals: [a=b]\n");
            assertThatThrownBy(() -> new MiniKustomize().build(dir))
                    .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("disableNameSuffixHash");
        } finally {
            deleteTree(dir);
        }
    }

    private static void writeFeatureFixture(Path root) throws IOException {
        Files.createDirectories(root.resolve("base"));
        Files.createDirectories(root.resolve("component"));
        Files.createDirectories(root.resolve("overlay/files"));
        Files.writeString(root.resolve("base/kustomization.yaml"), String.join("\n",
                "commonLabels:",
                "  tier: web",
                "labels:",
                "- pairs: {team: a}",
                "- pairs: {team-t: b}",
                "  includeTemplates: true",
                "resources:",
                "- app.yaml",
                ""));
        Files.writeString(root.resolve("base/app.yaml"), String.join("\n",
                "apiVersion: apps/v1",
                "kind: Deployment",
                "metadata: {name: web}",
                "spec:",
                "  selector: {matchLabels: {app: web}}",
                "  template:",
                "    metadata: {labels: {app: web}}",
                "    spec:",
                "      initContainers:",
                "      - {name: init, image: 'busybox:1.36'}",
                "      containers:",
                "      - name: web",
                "        image: smartlink/web:latest",
                "        ports: [{containerPort: 8080, name: http}]",
                "        env: [{name: A, value: '1'}, {name: B, value: '2'}, {name: C, value: '3'}]",
                "        volumeMounts: [{name: tmp, mountPath: /tmp}]",
                "        resources: {limits: {cpu: '1', memory: 256Mi}}",
                "      - {name: side, image: 'registry.local:5000/side:1@sha256:abc'}",
                "      volumes: [{name: tmp, emptyDir: {}}]",
                "---",
                "apiVersion: v1",
                "kind: Service",
                "metadata: {name: web}",
                "spec:",
                "  selector: {app: web}",
                "  ports: [{name: http, port: 80, targetPort: http}, {name: admin, port: 81}]",
                "---",
                "apiVersion: policy/v1",
                "kind: PodDisruptionBudget",
                "metadata: {name: web}",
                "spec: {minAvailable: 1, selector: {matchLabels: {app: web}}}",
                "---",
                "apiVersion: apps/v1",
                "kind: StatefulSet",
                "metadata: {name: db}",
                "spec:",
                "  serviceName: db",
                "  selector: {matchLabels: {app: db}}",
                "  template:",
                "    metadata: {labels: {app: db}}",
                "    spec: {containers: [{name: db, image: 'postgres:17-alpine'}]}",
                "  volumeClaimTemplates: [{metadata: {name: data}, spec: {accessModes: [ReadWriteOnce]}}]",
                ""));
        Files.writeString(root.resolve("component/kustomization.yaml"), String.join("\n",
                "apiVersion: kustomize.config.k8s.io/v1alpha1",
                "kind: Component",
                "resources: [extra.yaml]",
                "generatorOptions: {disableNameSuffixHash: true}",
                "configMapGenerator:",
                "- name: from-component",
                "  literals: [X=1, Y=two words]",
                "labels:",
                "- pairs: {added-by: component}",
                "patches:",
                "- patch: |",
                "    apiVersion: apps/v1",
                "    kind: Deployment",
                "    metadata: {name: web}",
                "    spec: {template: {metadata: {annotations: {from: component}}}}",
                ""));
        Files.writeString(root.resolve("component/extra.yaml"),
                "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: extra}\ndata: {k: v}\n");
        Files.writeString(root.resolve("overlay/files/app.properties"), "a=1\nb = two\n");
        Files.writeString(root.resolve("overlay/files/app.env"), "# comment\nE1=one\n\n  E2=two=2\nE3=\"q\"\n");
        Files.writeString(root.resolve("overlay/ns.yaml"), "apiVersion: v1\nkind: Namespace\nmetadata: {name: whatever}\n");
        Files.writeString(root.resolve("overlay/smp.yaml"), String.join("\n",
                "apiVersion: apps/v1",
                "kind: Deployment",
                "metadata: {name: web, labels: {patched: 'yes'}}",
                "spec:",
                "  template:",
                "    spec:",
                "      containers:",
                "      - name: web",
                "        env: [{name: C, value: '30'}, {name: D, value: '4'}, {name: A, value: null}]",
                "        ports: [{containerPort: 9090, name: metrics}]",
                "        volumeMounts: [{name: cache, mountPath: /cache}]",
                "        resources: {requests: {cpu: 100m}}",
                "      - name: added",
                "        image: smartlink/added:1",
                "      volumes: [{name: cache, emptyDir: {medium: Memory}}]",
                "      tolerations: [{key: k, operator: Exists}]",
                ""));
        Files.writeString(root.resolve("overlay/kustomization.yaml"), String.join("\n",
                "apiVersion: kustomize.config.k8s.io/v1beta1",
                "kind: Kustomization",
                "namespace: fixture",
                "resources: [../base, ns.yaml]",
                "components: [../component]",
                "generatorOptions: {disableNameSuffixHash: true}",
                "configMapGenerator:",
                "- name: files",
                "  files: [files/app.properties, renamed.env=files/app.env]",
                "- name: envs",
                "  envs: [files/app.env]",
                "secretGenerator:",
                "- name: creds",
                "  literals: [user=admin, password=s3cr3t=]",
                "  envs: [files/app.env]",
                "- name: tls",
                "  type: kubernetes.io/tls",
                "  literals: [tls.crt=c, tls.key=k]",
                "patchesStrategicMerge: [smp.yaml]",
                "patches:",
                "- target: {kind: Service, name: web}",
                "  patch: |",
                "    apiVersion: v1",
                "    kind: Service",
                "    metadata: {name: ignored}",
                "    spec: {ports: [{name: http, port: 80, targetPort: 8080}, {name: extra, port: 82}]}",
                "- patch: |",
                "    apiVersion: apps/v1",
                "    kind: StatefulSet",
                "    metadata: {name: db}",
                "    spec: {template: {spec: {containers: [{name: db, args: [-c, max_connections=50]}]}}}",
                "replicas:",
                "- {name: web, count: 3}",
                "- {name: db, count: 1}",
                "images:",
                "- {name: smartlink/web, newTag: '2.0'}",
                "- {name: busybox, newName: mirror.local/busybox}",
                "- {name: registry.local:5000/side, digest: 'sha256:def'}",
                "- {name: postgres, newName: mirror.local/postgres, newTag: '17.5-alpine'}",
                ""));
    }

    // ------------------------------------------------------------------------------------------
    // helpers: rendering
    // ------------------------------------------------------------------------------------------

    private static PlatformLayout readLayout() {
        try {
            return PlatformLayout.read(PlatformLayout.repoRoot());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What ./smartlink secrets writes: the database passwords and a credential per service client among them. */
    private static List<String> secretKeys() {
        List<String> keys = new ArrayList<>(List.of("POSTGRES_PASSWORD"));
        LAYOUT.databases().forEach(db -> keys.add(PlatformLayout.databasePasswordKey(db)));
        keys.addAll(List.of("KEYS_ENCRYPTION_SECRET", "ADMIN_EMAIL", "ADMIN_PASSWORD", "REDIS_PASSWORD",
                "REDIS_CACHE_PASSWORD", "DISCOVERY_DASHBOARD_PASSWORD", "PAYMENTS_SANDBOX_WEBHOOK_SECRET"));
        LAYOUT.serviceClients().forEach(s -> keys.add(PlatformLayout.serviceSecretKey(s.name())));
        return List.copyOf(keys);
    }

    private static Path findRepoRoot() {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve("k8s/base/kustomization.yaml"))) {
                return d;
            }
        }
        throw new IllegalStateException("no k8s/base/kustomization.yaml above " + dir);
    }

    /** A copy of k8s/ without any real secrets.env, with a dummy one for the local overlay. */
    private static Path copyK8sWithDummySecrets(Path k8s) throws IOException {
        Path copy = Files.createTempDirectory("smartlink-k8s").resolve("k8s");
        try (Stream<Path> files = Files.walk(k8s)) {
            for (Path p : files.collect(Collectors.toList())) {
                Path target = copy.resolve(k8s.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else if (!p.getFileName().toString().equals("secrets.env")) {
                    Files.copy(p, target);
                }
            }
        }
        StringBuilder dummy = new StringBuilder("# dummy values for rendering only\n");
        for (String key : SECRET_KEYS) {
            dummy.append(key).append("=dummy-").append(key.toLowerCase()).append('\n');
        }
        Files.writeString(copy.resolve("overlays/local/secrets.env"), dummy.toString());
        return copy;
    }

    private static String findKubectl() {
        String configured = System.getProperty("smartlink.kubectl", "").trim();
        if (configured.equals("none")) {
            return null;
        }
        if (!configured.isEmpty()) {
            return configured;
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, "kubectl");
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return null;
    }

    private static List<Map<String, Object>> kubectlKustomize(Path dir) {
        CommandRun run = CommandRun.run(Duration.ofSeconds(120), Map.of(), kubectl, "kustomize", dir.toString());
        if (run.exit() != 0) {
            throw new IllegalStateException("kubectl kustomize " + dir + " failed: " + run.err());
        }
        List<Map<String, Object>> objects = new ArrayList<>();
        for (Object doc : MiniKustomize.yaml().loadAll(run.out())) {
            if (doc != null) {
                objects.add(map(doc));
            }
        }
        return objects;
    }

    private static void assertSameObjects(String what, List<Map<String, Object>> expected, List<Map<String, Object>> actual) {
        Map<String, Map<String, Object>> byIdExpected = byId(expected);
        Map<String, Map<String, Object>> byIdActual = byId(actual);
        assertThat(byIdActual.keySet()).as("%s: objects rendered by the fallback vs kubectl", what)
                .containsExactlyInAnyOrderElementsOf(byIdExpected.keySet());
        for (String id : byIdExpected.keySet()) {
            if (!byIdExpected.get(id).equals(byIdActual.get(id))) {
                fail("%s: fallback renders %s differently from kubectl%n kubectl:  %s%n fallback: %s", what, id,
                        byIdExpected.get(id), byIdActual.get(id));
            }
        }
    }

    private static Map<String, Map<String, Object>> byId(List<Map<String, Object>> objects) {
        Map<String, Map<String, Object>> out = new TreeMap<>();
        for (Map<String, Object> obj : objects) {
            assertThat(out.put(MiniKustomize.id(obj), obj)).as("duplicate %s", MiniKustomize.id(obj)).isNull();
        }
        return out;
    }

    private static void deleteTree(Path root) throws IOException {
        Path top = root.getFileName().toString().equals("k8s") ? root.getParent() : root;
        if (!Files.exists(top)) {
            return;
        }
        try (Stream<Path> files = Files.walk(top)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
                Files.delete(p);
            }
        }
    }

    // ------------------------------------------------------------------------------------------
    // helpers: reading rendered objects
    // ------------------------------------------------------------------------------------------

    private static Set<String> springServices() {
        return workloads("base").stream().map(K8sManifestsTest::name).collect(Collectors.toCollection(TreeSet::new));
    }

    private static List<Map<String, Object>> springWorkloads(String target) {
        Set<String> spring = springServices();
        return workloads(target).stream().filter(w -> spring.contains(name(w))).collect(Collectors.toList());
    }

    private static List<Map<String, Object>> workloads(String target) {
        return RENDERED.get(target).stream().filter(o -> WORKLOAD_KINDS.contains(o.get("kind")))
                .collect(Collectors.toList());
    }

    private static List<Map<String, Object>> objects(String target, String kind) {
        return RENDERED.get(target).stream().filter(o -> kind.equals(o.get("kind"))).collect(Collectors.toList());
    }

    private static Map<String, Object> find(String target, String kind, String name) {
        return objects(target, kind).stream().filter(o -> name.equals(name(o))).findFirst().orElse(null);
    }

    private static String name(Map<String, Object> obj) {
        return Objects.toString(map(obj.get("metadata")).get("name"));
    }

    private static Object namespace(Map<String, Object> obj) {
        return map(obj.get("metadata")).get("namespace");
    }

    private static Map<String, Object> podSpec(Map<String, Object> workload) {
        return mapAt(workload, false, "spec", "template", "spec");
    }

    private static List<Map<String, Object>> containers(Map<String, Object> workload, String field) {
        return list(podSpec(workload).get(field)).stream().map(MiniKustomize::map).collect(Collectors.toList());
    }

    /** The container named like its workload (the convention here), else the first one. */
    private static Map<String, Object> mainContainer(Map<String, Object> workload) {
        List<Map<String, Object>> containers = containers(workload, "containers");
        assertThat(containers).as("containers of %s", name(workload)).isNotEmpty();
        return containers.stream().filter(c -> name(workload).equals(c.get("name"))).findFirst()
                .orElse(containers.get(0));
    }

    private static String httpGetPath(Map<String, Object> container, String probe) {
        return Objects.toString(mapAt(container, false, probe, "httpGet").get("path"), null);
    }

    private static boolean containerPortMatches(Map<String, Object> container, Object port) {
        return port != null && list(container.get("ports")).stream().map(MiniKustomize::map)
                .anyMatch(p -> port.equals(p.get("name")) || port.equals(p.get("containerPort")));
    }

    /**
     * ConfigMap and Secret names a workload's pods use (env, envFrom, volumes): "ConfigMap", "Secret" (read at least
     * once without {@code optional: true}) and "OptionalSecret" (read only optionally: the pod starts without it).
     */
    private static Map<String, Set<String>> references(Map<String, Object> workload) {
        Map<String, Set<String>> refs = new LinkedHashMap<>();
        refs.put("ConfigMap", new TreeSet<>());
        refs.put("Secret", new TreeSet<>());
        Set<String> optional = new TreeSet<>();
        for (String field : List.of("initContainers", "containers")) {
            for (Map<String, Object> c : containers(workload, field)) {
                for (Object e : list(c.get("envFrom"))) {
                    addName(refs.get("ConfigMap"), map(e).get("configMapRef"));
                    addSecretName(refs.get("Secret"), optional, map(e).get("secretRef"), "name");
                }
                for (Object e : list(c.get("env"))) {
                    Map<String, Object> from = map(map(e).get("valueFrom"));
                    addName(refs.get("ConfigMap"), from.get("configMapKeyRef"));
                    addSecretName(refs.get("Secret"), optional, from.get("secretKeyRef"), "name");
                }
            }
        }
        for (Object v : list(podSpec(workload).get("volumes"))) {
            addName(refs.get("ConfigMap"), map(v).get("configMap"));
            addSecretName(refs.get("Secret"), optional, map(v).get("secret"), "secretName");
        }
        optional.removeAll(refs.get("Secret"));
        refs.put("OptionalSecret", optional);
        return refs;
    }

    private static void addSecretName(Set<String> required, Set<String> optional, Object ref, String nameField) {
        if (ref != null) {
            String name = Objects.toString(map(ref).get(nameField));
            (Boolean.TRUE.equals(map(ref).get("optional")) ? optional : required).add(name);
        }
    }

    /** (Secret name, key) of every secretKeyRef in a workload's containers. */
    private static List<Map.Entry<String, String>> secretKeyRefs(Map<String, Object> workload) {
        List<Map.Entry<String, String>> refs = new ArrayList<>();
        for (String field : List.of("initContainers", "containers")) {
            for (Map<String, Object> c : containers(workload, field)) {
                for (Object e : list(c.get("env"))) {
                    Object ref = map(map(e).get("valueFrom")).get("secretKeyRef");
                    if (ref != null) {
                        refs.add(Map.entry(Objects.toString(map(ref).get("name")),
                                Objects.toString(map(ref).get("key"))));
                    }
                }
            }
        }
        return refs;
    }

    private static void addName(Set<String> names, Object ref) {
        if (ref != null) {
            names.add(Objects.toString(map(ref).get("name")));
        }
    }

    /** A container's env entries by name. */
    private static Map<String, Map<String, Object>> env(Map<String, Object> container) {
        Map<String, Map<String, Object>> env = new LinkedHashMap<>();
        for (Object e : list(container.get("env"))) {
            env.put(Objects.toString(map(e).get("name")), map(e));
        }
        return env;
    }

    /** A Kubernetes quantity in Ki/Mi/Gi/Ti (or bytes), in MiB. */
    private static long mebibytes(String quantity) {
        Matcher m = Pattern.compile("(\\d+)(Ki|Mi|Gi|Ti)?").matcher(quantity.trim());
        assertThat(m.matches()).as("quantity %s", quantity).isTrue();
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2) == null ? "" : m.group(2)) {
            case "Ki" -> n / 1024;
            case "Mi" -> n;
            case "Gi" -> n * 1024;
            case "Ti" -> n * 1024 * 1024;
            default -> n / (1024 * 1024);
        };
    }

    private static Object firstNonNull(Object a, Object b) {
        return a != null ? a : b;
    }
}
