package com.smartlinkauto.storageclient;

import java.net.URI;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.loadbalancer.LoadBalancerClient;
import org.springframework.context.support.StaticApplicationContext;

import com.smartlinkauto.servicedefaults.servicetoken.ServiceTokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

class StorageClientAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(StorageClientAutoConfiguration.class))
            .withBean(ServiceTokens.class, () -> new ServiceTokens() {

                @Override
                public String token(String audience) {
                    return "token-for-" + audience;
                }

                @Override
                public void invalidate(String audience) {
                }
            });

    @Test
    void providesAStorageClientWithTheDocumentedDefaults() {
        runner.withPropertyValues("spring.application.name=vehicle-service").run(context -> {
            assertThat(context).hasSingleBean(StorageClient.class);
            StorageClientProperties properties = context.getBean(StorageClientProperties.class);
            assertThat(properties.serviceId()).isEqualTo("storage-controller-service");
            assertThat(properties.baseUrl()).isNull();
            assertThat(properties.owner()).isNull();
            assertThat(properties.replication()).isNull();
            assertThat(properties.connectTimeout()).isEqualTo(Duration.ofSeconds(2));
            assertThat(properties.readTimeout()).isEqualTo(Duration.ofSeconds(60));
        });
    }

    @Test
    void theOwnerDefaultsToTheApplicationNameAndTheApplicationsServiceTokenGoesAlong() throws Exception {
        var server = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        java.util.List<String> owners = new java.util.concurrent.CopyOnWriteArrayList<>();
        server.createContext("/", exchange -> {
            owners.add(exchange.getRequestHeaders().getFirst("X-Storage-Owner") + " "
                    + exchange.getRequestHeaders().getFirst("Authorization"));
            exchange.getRequestBody().readAllBytes();
            byte[] body = ("{\"fileId\":\"" + UUID.randomUUID() + "\",\"size\":1,\"sha256\":\"x\","
                    + "\"contentType\":\"image/png\"}").getBytes();
            exchange.sendResponseHeaders(201, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            runner.withPropertyValues("spring.application.name=vehicle-service",
                    "smartlink.storage-client.base-url=http://127.0.0.1:" + server.getAddress().getPort())
                    .run(context -> context.getBean(StorageClient.class)
                            .store(new java.io.ByteArrayInputStream(new byte[1]), 1, "image/png", null));
            runner.withPropertyValues("spring.application.name=vehicle-service",
                    "smartlink.storage-client.owner=photos",
                    "smartlink.storage-client.base-url=http://127.0.0.1:" + server.getAddress().getPort())
                    .run(context -> context.getBean(StorageClient.class)
                            .store(new java.io.ByteArrayInputStream(new byte[1]), 1, "image/png", null));
        }
        finally {
            server.stop(0);
        }
        assertThat(owners).containsExactly("vehicle-service Bearer token-for-storage-controller-service",
                "photos Bearer token-for-storage-controller-service");
    }

    @Test
    void bindsItsProperties() {
        runner.withPropertyValues("smartlink.storage-client.base-url=http://127.0.0.1:9999/",
                "smartlink.storage-client.owner=user-service", "smartlink.storage-client.replication=2",
                "smartlink.storage-client.read-timeout=5s").run(context -> {
                    StorageClientProperties properties = context.getBean(StorageClientProperties.class);
                    assertThat(properties.baseUrl()).isEqualTo("http://127.0.0.1:9999");
                    assertThat(properties.owner()).isEqualTo("user-service");
                    assertThat(properties.replication()).isEqualTo(2);
                    assertThat(properties.readTimeout()).isEqualTo(Duration.ofSeconds(5));
                });
    }

    @Test
    void rejectsAnInvalidReplication() {
        runner.withPropertyValues("smartlink.storage-client.replication=6")
                .run(context -> assertThat(context).hasFailed());
    }

    @Test
    void aFixedBaseUrlWinsOverDiscovery() {
        StorageClientProperties properties = new StorageClientProperties("storage-controller-service",
                "http://127.0.0.1:8085", null, null, Duration.ofSeconds(2), Duration.ofSeconds(60));
        assertThat(StorageClientAutoConfiguration.baseUri(properties, provider(null)).get())
                .isEqualTo(URI.create("http://127.0.0.1:8085"));
    }

    @Test
    void withoutABaseUrlEachCallAsksTheLoadBalancer() {
        StorageClientProperties properties = new StorageClientProperties("storage-controller-service", null, null,
                null, Duration.ofSeconds(2), Duration.ofSeconds(60));
        LoadBalancerClient loadBalancer = mock(LoadBalancerClient.class);
        when(loadBalancer.choose("storage-controller-service")).thenReturn(
                new DefaultServiceInstance("i1", "storage-controller-service", "10.0.0.7", 8085, false), (
                        org.springframework.cloud.client.ServiceInstance) null);
        var baseUri = StorageClientAutoConfiguration.baseUri(properties, provider(loadBalancer));
        assertThat(baseUri.get()).isEqualTo(URI.create("http://10.0.0.7:8085"));
        assertThatThrownBy(baseUri::get).isInstanceOf(StorageUnavailableException.class)
                .hasRootCauseMessage("No instance of storage-controller-service is registered");
        assertThatThrownBy(() -> StorageClientAutoConfiguration.baseUri(properties, provider(null)).get())
                .isInstanceOf(StorageUnavailableException.class);
        // the client turns it into the same 503 before any HTTP
        HttpStorageClient client = new HttpStorageClient(properties, baseUri, null,
                io.github.resilience4j.circuitbreaker.CircuitBreaker.ofDefaults("storage"),
                new io.micrometer.core.instrument.simple.SimpleMeterRegistry(), new HttpStorageClientTest.TestServiceTokens());
        assertThatThrownBy(() -> client.delete(UUID.randomUUID())).isInstanceOf(StorageUnavailableException.class);
    }

    private static ObjectProvider<LoadBalancerClient> provider(LoadBalancerClient client) {
        StaticApplicationContext context = new StaticApplicationContext();
        if (client != null) {
            context.getBeanFactory().registerSingleton("loadBalancer", client);
        }
        return context.getBeanProvider(LoadBalancerClient.class);
    }
}
