package com.smartlinkauto.servicedefaults.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.netflix.eureka.config.DiscoveryClientOptionalArgsConfiguration;
import org.springframework.cloud.netflix.eureka.http.EurekaClientHttpRequestFactorySupplier;
import org.springframework.cloud.netflix.eureka.http.RestClientTransportClientFactories;
import org.springframework.context.ApplicationContext;

import com.netflix.appinfo.DataCenterInfo;
import com.netflix.appinfo.InstanceInfo;
import com.netflix.appinfo.MyDataCenterInfo;
import com.netflix.discovery.shared.resolver.DefaultEndpoint;
import com.netflix.discovery.shared.transport.EurekaHttpClient;
import com.netflix.discovery.shared.transport.EurekaHttpResponse;
import com.sun.net.httpserver.HttpServer;

/**
 * The Eureka client's own transport (Spring Cloud Netflix's RestClient transport factories, built by its
 * auto-configuration) against a stand-in registry that records what arrives: the credential is in the
 * {@code Authorization} header of every call and nowhere in the URL.
 */
class EurekaClientCredentialsTest {

    private static final String SECRET = "0123456789abcdef-not-a-real-secret";

    record Received(String method, String uri, String authorization) {
    }

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private HttpServer registry;

    private final ApplicationContextRunner contexts = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(EurekaClientCredentialsAutoConfiguration.class,
                    DiscoveryClientOptionalArgsConfiguration.class))
            .withPropertyValues("spring.application.name=probe-service", "eureka.client.jersey.enabled=false");

    @BeforeEach
    void startRegistry() throws IOException {
        registry = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        registry.createContext("/", exchange -> {
            received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
                    exchange.getRequestHeaders().getFirst("Authorization")));
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        registry.start();
    }

    @AfterEach
    void stopRegistry() {
        registry.stop(0);
    }

    @Test
    void registrationAndRenewalCarryTheServiceCredentialInTheHeaderOnly() {
        contexts.withPropertyValues("SMARTLINK_SERVICE_SECRET=" + SECRET).run(context -> {
            assertThat(context).hasSingleBean(EurekaClientHttpRequestFactorySupplier.class);
            assertThat(context.getBean(EurekaClientHttpRequestFactorySupplier.class))
                    .isInstanceOf(AuthenticatingEurekaRequestFactorySupplier.class);

            EurekaHttpClient client = client(context);
            InstanceInfo instance = instance();
            EurekaHttpResponse<Void> registered = client.register(instance);
            assertThat(registered.getStatusCode()).isEqualTo(204);
            client.sendHeartBeat(instance.getAppName(), instance.getId(), instance, null);
            client.cancel(instance.getAppName(), instance.getId());

            String expected = "Basic " + Base64.getEncoder()
                    .encodeToString(("probe-service:" + SECRET).getBytes(StandardCharsets.UTF_8));
            assertThat(received).extracting(Received::method).containsExactly("POST", "PUT", "DELETE");
            assertThat(received).allSatisfy(call -> {
                assertThat(call.authorization()).isEqualTo(expected);
                assertThat(call.uri()).startsWith("/eureka/apps/PROBE-SERVICE").doesNotContain(SECRET);
            });
        });
    }

    @Test
    void explicitPropertiesOverrideTheNameAndTheEnvironmentSecret() {
        contexts.withPropertyValues("SMARTLINK_SERVICE_SECRET=" + SECRET,
                "smartlink.discovery.client.username=other-name", "smartlink.discovery.client.password=other-secret")
                .run(context -> {
                    client(context).register(instance());
                    assertThat(received).singleElement().extracting(Received::authorization)
                            .isEqualTo("Basic " + Base64.getEncoder().encodeToString(
                                    "other-name:other-secret".getBytes(StandardCharsets.UTF_8)));
                });
    }

    @Test
    void withoutASecretTheClientSendsNoCredential() {
        contexts.run(context -> {
            assertThat(context).hasSingleBean(EurekaClientHttpRequestFactorySupplier.class);
            assertThat(context.getBean(EurekaClientHttpRequestFactorySupplier.class))
                    .isNotInstanceOf(AuthenticatingEurekaRequestFactorySupplier.class);
            client(context).register(instance());
            assertThat(received).singleElement().extracting(Received::authorization).isNull();
        });
    }

    @Test
    void theCredentialNeverShowsInToString() {
        assertThat(new EurekaClientCredentials("probe-service", SECRET).toString()).doesNotContain(SECRET)
                .contains("probe-service");
    }

    private EurekaHttpClient client(ApplicationContext context) {
        return context.getBean(RestClientTransportClientFactories.class)
                .newTransportClientFactory(null, List.of(), null)
                .newClient(new DefaultEndpoint("http://127.0.0.1:" + registry.getAddress().getPort() + "/eureka/"));
    }

    private static InstanceInfo instance() {
        return InstanceInfo.Builder.newBuilder()
                .setAppName("probe-service")
                .setInstanceId("probe-service:127.0.0.1:9999")
                .setHostName("127.0.0.1")
                .setIPAddr("127.0.0.1")
                .setPort(9999)
                .setDataCenterInfo(new MyDataCenterInfo(DataCenterInfo.Name.MyOwn))
                .build();
    }
}
