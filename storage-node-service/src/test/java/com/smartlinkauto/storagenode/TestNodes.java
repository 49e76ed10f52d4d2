package com.smartlinkauto.storagenode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import com.smartlinkauto.testsupport.security.TestTokenServer;

/**
 * Further storage nodes for multi-node tests: each a full Spring Boot application in this JVM on its
 * own random port with its own data directory under {@code target/it-data/} (a real disk).
 */
public final class TestNodes {

    private static final Path ROOT = Path.of("target", "it-data").toAbsolutePath();

    private TestNodes() {
    }

    /** A fresh data directory, removed when the test JVM exits. */
    public static Path newDataDir(String name) {
        Path dir = ROOT.resolve(name + "-" + UUID.randomUUID().toString().substring(0, 8));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteRecursively(dir), "delete-" + name));
        return dir;
    }

    /** A running node; closing it stops the node (its data directory stays until the JVM exits). */
    public record Node(ConfigurableApplicationContext context, String id, Path dataDir) implements AutoCloseable {

        public int port() {
            return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
        }

        public String url() {
            return "http://127.0.0.1:" + port();
        }

        public NodeClient client() {
            return new NodeClient(url());
        }

        public Path chunkFile(String chunkId) {
            return TestNodes.chunkFile(dataDir, chunkId);
        }

        @Override
        public void close() {
            context.close();
        }
    }

    /**
     * Starts a node. {@code id} null: no configured id. Extra arguments ({@code --smartlink.node.x=y})
     * override the defaults: unthrottled, heartbeats to the shared controller stub.
     */
    public static Node start(String id, Path dataDir, String... extra) {
        Map<String, String> args = new LinkedHashMap<>();
        args.put("server.port", "0");
        args.put("spring.config.import",
                "file:../config-repo/application.yml,file:../config-repo/storage-node-service.yml");
        args.put("spring.cloud.config.enabled", "false");
        args.put("spring.cloud.config.import-check.enabled", "false");
        args.put("CONFIG_SERVER_URL", "http://127.0.0.1:1");
        args.put("eureka.client.register-with-eureka", "false");
        args.put("eureka.client.fetch-registry", "false");
        args.put("spring.main.banner-mode", "off");
        args.put("smartlink.node.data-dir", dataDir.toString());
        args.put("smartlink.node.throttle", "false");
        args.put("smartlink.node.controller-url", ControllerStub.shared().url());
        // service tokens from the in-JVM token server, as @IntegrationTest gives them to NodeIT's node
        TestTokenServer tokens = TestTokenServer.shared();
        args.put("smartlink.security.service.token-uri", tokens.tokenUri());
        args.put("smartlink.security.service.client-secret", tokens.clientSecret());
        args.put("smartlink.security.jwk-set-uri", tokens.jwkSetUri());
        if (id != null) {
            args.put("smartlink.node.id", id);
        }
        for (String arg : extra) {
            int eq = arg.indexOf('=');
            args.put(arg.substring(2, eq), arg.substring(eq + 1)); // "--key=value"; a repeated key would be joined
        }
        ConfigurableApplicationContext context = new SpringApplicationBuilder(StorageNodeApplication.class)
                .run(args.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new));
        String actualId = context.getBean(com.smartlinkauto.storagenode.node.NodeIdentity.class).id();
        return new Node(context, actualId, dataDir);
    }

    public static Path chunkFile(Path dataDir, String chunkId) {
        return dataDir.resolve("chunks").resolve(chunkId.substring(0, 2)).resolve(chunkId.substring(2, 4))
                .resolve(chunkId);
    }

    /** Regular files under {@code dir} (recursively). */
    public static List<Path> files(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).toList();
        }
        catch (IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
    }

    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
        catch (IOException ex) {
            // best effort at JVM exit
        }
    }
}
