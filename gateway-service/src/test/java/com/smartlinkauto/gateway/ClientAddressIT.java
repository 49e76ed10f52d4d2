package com.smartlinkauto.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import com.smartlinkauto.testsupport.IntegrationTest;
import com.sun.net.httpserver.HttpServer;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The gateway as in the kubernetes profile: one proxy in front of it (here 127.0.0.2 stands for the
 * ingress controller), trusted by {@code spring.cloud.gateway.server.webflux.trusted-proxies} with
 * {@code trusted-proxy-hops: 1}. A stand-in service records the {@code X-Forwarded-For} it receives; clients
 * are real sockets bound to other loopback addresses (127.0.0.3 and 127.0.0.4 call the gateway directly,
 * bypassing the proxy). Rate limits are small (burst 3, 1/s) to see whose bucket a request counts against.
 */
@IntegrationTest
@TestPropertySource(properties = {
        "spring.config.import=file:../config-repo/application.yml,file:../config-repo/gateway-service.yml",
        "SMARTLINK_TRUSTED_PROXIES=127[.]0[.]0[.]2",
        "SMARTLINK_TRUSTED_PROXY_HOPS=1",
        "SMARTLINK_RATE_LIMIT_RATE=1",
        "SMARTLINK_RATE_LIMIT_BURST=3" })
class ClientAddressIT {

    static final String PROXY = "127.0.0.2";
    static final String DIRECT_CLIENT = "127.0.0.3";
    /** Another direct client, whose bucket the burst test may empty. */
    static final String FORGER = "127.0.0.4";

    static HttpServer backend;

    private final JsonMapper json = JsonMapper.builder().build();
    private final ExecutorService pool = Executors.newFixedThreadPool(10);

    @Value("${local.server.port}")
    int port;

    @BeforeAll
    static void startBackend() throws IOException {
        backend = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        backend.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            String forwardedFor = String.join("|",
                    exchange.getRequestHeaders().getOrDefault("X-Forwarded-For", List.of()));
            byte[] body = ("{\"forwardedFor\":\"" + forwardedFor + "\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        backend.start();
    }

    @AfterAll
    static void stopBackend() {
        backend.stop(0);
    }

    @DynamicPropertySource
    static void standIns(DynamicPropertyRegistry registry) {
        registry.add("spring.cloud.discovery.client.simple.instances.vehicle-service[0].uri",
                () -> "http://127.0.0.1:" + backend.getAddress().getPort());
    }

    /** An address from TEST-NET-3, new per call, so that runs against the same Redis never share a bucket. */
    private static String someClient() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "203.0." + random.nextInt(0, 256) + "." + random.nextInt(1, 255);
    }

    private LoopbackHttp.Response get(String from, String forwardedFor) throws IOException {
        return LoopbackHttp.send(from, port, "GET", "/api/vehicles",
                forwardedFor == null ? Map.of() : Map.of("X-Forwarded-For", forwardedFor), null);
    }

    private String seenByTheService(LoopbackHttp.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body()).get("forwardedFor").asString();
    }

    private List<LoopbackHttp.Response> burst(String from, String forwardedFor, int requests) {
        List<CompletableFuture<LoopbackHttp.Response>> calls = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            calls.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return get(from, forwardedFor);
                }
                catch (IOException ex) {
                    throw new UncheckedIOException(ex);
                }
            }, pool));
        }
        return calls.stream().map(CompletableFuture::join).toList();
    }

    @Test
    void aDirectClientIsItsTcpPeerWhateverItsHeaderSays() throws IOException {
        assertThat(seenByTheService(get(DIRECT_CLIENT, null))).isEqualTo(DIRECT_CLIENT);
        assertThat(seenByTheService(get(DIRECT_CLIENT, "198.51.100.7"))).as("forged header dropped")
                .isEqualTo(DIRECT_CLIENT);
    }

    @Test
    void theTrustedProxysChainIsKeptAndItsAddressAppended() throws IOException {
        String client = someClient();
        assertThat(seenByTheService(get(PROXY, client))).isEqualTo(client + ", " + PROXY);
        // whatever the client put in front of its real address stays to the left, where nobody trusts it
        // (user-service counts two hops from the right: ingress + gateway, and arrives at `client`)
        assertThat(seenByTheService(get(PROXY, "198.51.100.7, " + client)))
                .isEqualTo("198.51.100.7, " + client + ", " + PROXY);
        // a proxy that forwards nothing: the proxy itself is all the gateway knows
        assertThat(seenByTheService(get(PROXY, null))).isEqualTo(PROXY);
    }

    @Test
    void clientsBehindTheProxyHaveABucketEachAndAForgerCannotSpendAnothersBucket() throws IOException {
        String a = someClient();
        String b = someClient();
        // at once, so the bucket (1/s) cannot refill in between
        List<LoopbackHttp.Response> responsesOfA = burst(PROXY, a, 10);
        assertThat(responsesOfA).extracting(LoopbackHttp.Response::status).as("A past its burst of 3").contains(429);
        LoopbackHttp.Response limited = responsesOfA.stream().filter(r -> r.status() == 429).findFirst().orElseThrow();
        assertThat(limited.headers().get("content-type")).isEqualTo("application/problem+json");

        // B, behind the same proxy, still has its own bucket
        assertThat(get(PROXY, b).status()).isEqualTo(200);

        // a direct client claiming to be B spends its own bucket (its peer address), not B's
        assertThat(burst(FORGER, b, 10)).extracting(LoopbackHttp.Response::status).contains(429);
        assertThat(get(PROXY, b).status()).as("B's bucket untouched by the forger").isEqualTo(200);
    }
}
