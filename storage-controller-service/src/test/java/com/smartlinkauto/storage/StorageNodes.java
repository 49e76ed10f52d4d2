package com.smartlinkauto.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.smartlinkauto.testsupport.security.TestTokenServer;
import com.smartlinkauto.testsupport.security.TestTokens;

import static org.awaitility.Awaitility.await;

/**
 * Real storage-node processes ({@code java -jar ../storage-node-service/target/storage-node-service.jar})
 * for the controller's ITs: each with its own port, data directory under {@code target/it-nodes/}, zone,
 * no throttle, 1 s heartbeats to the controller under test, service tokens from the test JVM's
 * {@code TestTokenServer}. Killed with SIGKILL when a test wants a node
 * to die; all stopped when the test JVM exits.
 */
public final class StorageNodes {

    private static final Path JAR = Path.of("../storage-node-service/target/storage-node-service.jar");
    private static final Path ROOT = Path.of("target/it-nodes/run-" + System.currentTimeMillis());
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final Map<String, Node> NODES = new LinkedHashMap<>();
    private static int controllerPort;

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(StorageNodes::stopAll, "storage-nodes-stop"));
    }

    /** One node: id, zone, port; its process while running. */
    public static final class Node {

        public final String id;
        public final String zone;
        public final int port;
        public final Path dataDir;
        private final double storageGb;
        private Process process;

        Node(String id, String zone, int port, double storageGb) {
            this.id = id;
            this.zone = zone;
            this.port = port;
            this.storageGb = storageGb;
            this.dataDir = ROOT.resolve(id).toAbsolutePath();
        }

        public String url() {
            return "http://127.0.0.1:" + port;
        }

        public boolean running() {
            return process != null && process.isAlive();
        }

        /** SIGKILL: no goodbye, no deregistration, like a machine that loses power. */
        public synchronized void kill() {
            if (process != null) {
                process.destroyForcibly();
                try {
                    process.waitFor(20, TimeUnit.SECONDS);
                }
                catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
                process = null;
            }
        }

        /** Starts (again, same id and data) and waits until it answers. */
        public synchronized Node start() {
            if (running()) {
                return this;
            }
            try {
                Files.createDirectories(ROOT);
                String java = ProcessHandle.current().info().command().orElse("java");
                Path jar = jarCopy();
                ProcessBuilder builder = new ProcessBuilder(java, "-Xmx128m", "-XX:+UseSerialGC",
                        "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-jar", jar.toString());
                Map<String, String> env = builder.environment();
                env.put("SERVER_PORT", String.valueOf(port));
                env.put("SMARTLINK_NODE_ID", id);
                env.put("SMARTLINK_NODE_ZONE", zone);
                env.put("SMARTLINK_NODE_DATA_DIR", dataDir.toString());
                env.put("SMARTLINK_NODE_STORAGE_GB", String.valueOf(storageGb));
                env.put("SMARTLINK_NODE_THROTTLE", "false");
                env.put("SMARTLINK_NODE_ADVERTISED_URL", url());
                env.put("SMARTLINK_NODE_CONTROLLER_URL", "http://127.0.0.1:" + controllerPort);
                env.put("SMARTLINK_NODE_HEARTBEAT_INTERVAL", "1s");
                env.put("CONFIG_SERVER_URL", "http://127.0.0.1:1");
                env.put("SPRING_CLOUD_CONFIG_ENABLED", "false");
                env.put("EUREKA_CLIENT_ENABLED", "false");
                // service credentials from the test JVM's token server (environment, not argv)
                TestTokenServer tokens = TestTokenServer.shared();
                env.put("SMARTLINK_SERVICE_SECRET", tokens.clientSecret());
                env.put("SMARTLINK_SECURITY_SERVICE_TOKENURI", tokens.tokenUri());
                env.put("SMARTLINK_SECURITY_JWKSETURI", tokens.jwkSetUri());
                builder.redirectErrorStream(true);
                builder.redirectOutput(ProcessBuilder.Redirect.appendTo(ROOT.resolve(id + ".log").toFile()));
                process = builder.start();
            }
            catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
            return this;
        }

        public void awaitUp() {
            await("node " + id + " answers").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
                    .until(() -> {
                        if (!running()) {
                            throw new IllegalStateException("node " + id + " exited; see " + ROOT.resolve(id + ".log"));
                        }
                        return status(url() + "/actuator/health/readiness") == 200;
                    });
        }

        /** Where the node keeps a chunk (storage-node-service's layout: chunks/ab/cd/&lt;id&gt;). */
        public Path chunkFile(String chunkId) {
            return dataDir.resolve("chunks").resolve(chunkId.substring(0, 2)).resolve(chunkId.substring(2, 4))
                    .resolve(chunkId);
        }

        /** Chunks the node holds (its GET /node/info), -1 when it does not answer. */
        public long chunkCount() {
            try {
                HttpResponse<String> info = HTTP.send(HttpRequest.newBuilder(URI.create(url() + "/node/info"))
                        .header("Authorization", "Bearer " + controllerToken())
                        .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
                return info.statusCode() == 200
                        ? tools.jackson.databind.json.JsonMapper.shared().readTree(info.body()).path("chunkCount").asLong(-1)
                        : -1;
            }
            catch (IOException ex) {
                return -1;
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return -1;
            }
        }

        /** GET /chunks/{id} status on the node itself. */
        public int chunkStatus(String chunkId) {
            return status(url() + "/chunks/" + chunkId, "Bearer " + controllerToken());
        }

        /** The key the node keeps in its data directory (node-key). */
        public String nodeKey() {
            try {
                return Files.readString(dataDir.resolve("node-key")).trim();
            }
            catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }
    }

    private StorageNodes() {
    }

    private static Path jarCopy;

    /**
     * The nodes run from a copy of the jar: a build that replaces target/storage-node-service.jar while they
     * run (another terminal, the runner) would otherwise pull their classes away under them.
     */
    private static synchronized Path jarCopy() throws IOException {
        if (jarCopy == null) {
            Files.createDirectories(ROOT);
            jarCopy = Files.copy(JAR, ROOT.resolve("storage-node-service.jar")).toAbsolutePath();
        }
        return jarCopy;
    }

    /**
     * The shared nodes node-1..n (zones a, b, c round robin), started once per test JVM and restarted
     * when a test killed one; waits until each answers.
     */
    public static synchronized List<Node> ensure(int controller, int count) {
        controllerPort = controller;
        if (!Files.exists(JAR)) {
            throw new IllegalStateException(JAR.toAbsolutePath() + " is missing: build storage-node-service first "
                    + "(./mvnw -pl storage-controller-service -am verify builds it)");
        }
        List<Node> nodes = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            String id = "it-node-" + i;
            Node node = NODES.computeIfAbsent(id, key -> new Node(key, zoneOf(NODES.size()), freePort(), 2));
            node.start();
            nodes.add(node);
        }
        nodes.forEach(Node::awaitUp);
        return nodes;
    }

    /** An extra node beyond the shared ones, e.g. to kill or decommission. */
    public static synchronized Node extra(String id, String zone, double storageGb) {
        Node node = NODES.computeIfAbsent(id, key -> new Node(key, zone, freePort(), storageGb));
        node.start();
        node.awaitUp();
        return node;
    }

    /** Every node whose process runs now. */
    public static synchronized List<Node> running() {
        return NODES.values().stream().filter(Node::running).toList();
    }

    public static synchronized Node get(String id) {
        return NODES.get(id);
    }

    public static synchronized void stopAll() {
        NODES.values().forEach(node -> {
            if (node.process != null) {
                node.process.destroy();
            }
        });
        NODES.values().forEach(Node::kill);
    }

    private static String zoneOf(int index) {
        return String.valueOf((char) ('a' + index % 3));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** The controller's service token for the nodes, as NodeClient gets it from user-service. */
    public static String controllerToken() {
        return TestTokens.service("storage-controller-service", "storage-node-service");
    }

    static int status(String url) {
        return status(url, null);
    }

    static int status(String url, String authorization) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).GET();
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        }
        catch (IOException ex) {
            return -1;
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
