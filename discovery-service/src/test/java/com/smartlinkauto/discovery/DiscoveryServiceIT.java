package com.smartlinkauto.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.cloud.netflix.eureka.http.RestClientTransportClientFactories;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.TestPropertySource;

import com.netflix.appinfo.DataCenterInfo;
import com.netflix.appinfo.InstanceInfo;
import com.netflix.appinfo.MyDataCenterInfo;
import com.netflix.discovery.shared.resolver.DefaultEndpoint;
import com.smartlinkauto.discoveryprobe.EurekaClientProbe;
import com.smartlinkauto.testsupport.IntegrationTest;

/**
 * The registry behind its credentials: who may register, renew, cancel and read, seen as a client sees it
 * (raw Eureka REST calls and a real Spring Cloud Eureka client with service-defaults).
 */
@IntegrationTest
@TestPropertySource(properties = {
        "smartlink.discovery.service-clients=gateway-service=" + DiscoveryServiceIT.GATEWAY_SECRET
                + ", user-service=" + DiscoveryServiceIT.USER_SECRET + ",probe-service=" + DiscoveryServiceIT.PROBE_SECRET,
        "smartlink.discovery.dashboard.password=" + DiscoveryServiceIT.DASHBOARD_PASSWORD })
class DiscoveryServiceIT {

    static final String GATEWAY_SECRET = "gw-3f1c0e2a9b7d4c51a8e6f0d2b4c6a8e0";
    static final String USER_SECRET = "us-8a2d4f6b1c3e5a7d9f0b2d4f6a8c0e1b";
    static final String PROBE_SECRET = "pr-0c9e8d7f6a5b4c3d2e1f0a9b8c7d6e5f";
    static final String DASHBOARD_PASSWORD = "db-5e4d3c2b1a0f9e8d7c6b5a4f3e2d1c0b";

    private final HttpClient http = HttpClient.newHttpClient();

    @Value("${local.server.port}")
    int port;

    // ------------------------------------------------------------------ registration

    @Test
    void anAnonymousRegistrationIsRefused() throws Exception {
        HttpResponse<String> anonymous = register("/eureka/apps/USER-SERVICE", "USER-SERVICE", "anon-1", null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
        assertThat(anonymous.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(anonymous.body()).contains("https://smartlinkauto.com/problems/unauthorized");
        assertNotRegistered("USER-SERVICE", "anon-1");
    }

    @Test
    void aWrongPasswordOrAnUnknownServiceIsRefused() throws Exception {
        assertThat(register("/eureka/apps/USER-SERVICE", "USER-SERVICE", "wrong-1", basic("user-service", "guessed"))
                .statusCode()).isEqualTo(401);
        assertThat(register("/eureka/apps/USER-SERVICE", "USER-SERVICE", "wrong-2", basic("user-service", ""))
                .statusCode()).isEqualTo(401);
        assertThat(register("/eureka/apps/ROGUE-SERVICE", "ROGUE-SERVICE", "wrong-3", basic("rogue-service", USER_SECRET))
                .statusCode()).as("another service's secret under an unknown name").isEqualTo(401);
        assertThat(register("/eureka/apps/USER-SERVICE", "USER-SERVICE", "wrong-4", basic("USER-SERVICE", USER_SECRET))
                .statusCode()).as("the name is exact").isEqualTo(401);
        assertNotRegistered("USER-SERVICE", "wrong-1", "wrong-2", "wrong-4");
        assertNotRegistered("ROGUE-SERVICE", "wrong-3");
    }

    @Test
    void aServiceCannotRegisterAsAnother() throws Exception {
        HttpResponse<String> rogue = register("/eureka/apps/USER-SERVICE", "USER-SERVICE", "rogue-1",
                basic("gateway-service", GATEWAY_SECRET));
        assertThat(rogue.statusCode()).isEqualTo(403);
        assertThat(rogue.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(register("/eureka/apps/user-service", "USER-SERVICE", "rogue-2", basic("gateway-service", GATEWAY_SECRET))
                .statusCode()).isEqualTo(403);
        // its own path, another application in the body: Eureka refuses the mismatch
        assertThat(register("/eureka/apps/GATEWAY-SERVICE", "USER-SERVICE", "rogue-3", basic("gateway-service", GATEWAY_SECRET))
                .statusCode()).isEqualTo(400);
        // path tricks that would end on another application
        for (String path : List.of("/eureka/apps/GATEWAY-SERVICE/../USER-SERVICE", "/eureka/apps/GATEWAY-SERVICE/%2e%2e/USER-SERVICE",
                "/eureka/apps/GATEWAY-SERVICE;x=1/../USER-SERVICE", "/eureka//apps/USER-SERVICE")) {
            assertThat(register(path, "USER-SERVICE", "rogue-4", basic("gateway-service", GATEWAY_SECRET)).statusCode())
                    .as(path).isGreaterThanOrEqualTo(400);
        }
        // the dashboard login reads, never writes
        assertThat(register("/eureka/apps/DASHBOARD", "DASHBOARD", "rogue-5", basic("dashboard", DASHBOARD_PASSWORD))
                .statusCode()).isEqualTo(403);
        assertNotRegistered("USER-SERVICE", "rogue-1", "rogue-2", "rogue-3", "rogue-4");
        assertNotRegistered("GATEWAY-SERVICE", "rogue-3");
        assertNotRegistered("DASHBOARD", "rogue-5");
    }

    @Test
    void aServiceRegistersItselfWithItsCredentialAndOnlyItCanChangeItsInstances() throws Exception {
        String user = basic("user-service", USER_SECRET);
        String gateway = basic("gateway-service", GATEWAY_SECRET);
        assertThat(register("/eureka/apps/USER-SERVICE", "USER-SERVICE", "user-1", user).statusCode()).isEqualTo(204);
        assertThat(register("/eureka/apps/user-service", "USER-SERVICE", "user-2", user).statusCode())
                .as("the application name ignores case").isEqualTo(204);
        assertThat(registered("USER-SERVICE", "user-1")).isTrue();
        assertThat(registered("USER-SERVICE", "user-2")).isTrue();

        // another service can neither renew, take out of service, re-tag nor cancel them
        assertThat(send("PUT", "/eureka/apps/USER-SERVICE/user-1", gateway).statusCode()).isEqualTo(403);
        assertThat(send("PUT", "/eureka/apps/USER-SERVICE/user-1/status?value=OUT_OF_SERVICE", gateway).statusCode())
                .isEqualTo(403);
        assertThat(send("PUT", "/eureka/apps/USER-SERVICE/user-1/metadata?zone=evil", gateway).statusCode()).isEqualTo(403);
        assertThat(send("DELETE", "/eureka/apps/USER-SERVICE/user-1", gateway).statusCode()).isEqualTo(403);
        assertThat(send("DELETE", "/eureka/apps/USER-SERVICE/user-1", null).statusCode()).isEqualTo(401);
        // nor replicate into the registry as a peer would
        assertThat(send("POST", "/eureka/peerreplication/batch", gateway).statusCode()).isEqualTo(403);
        String listed = read("/eureka/apps/USER-SERVICE/user-1", gateway).body();
        assertThat(listed).contains("user-1").contains("\"status\":\"UP\"").doesNotContain("OUT_OF_SERVICE")
                .doesNotContain("evil");

        // the owner can
        assertThat(send("PUT", "/eureka/apps/USER-SERVICE/user-1", user).statusCode()).isEqualTo(200);
        assertThat(send("DELETE", "/eureka/apps/USER-SERVICE/user-1", user).statusCode()).isEqualTo(200);
        assertNotRegistered("USER-SERVICE", "user-1");
        assertThat(registered("USER-SERVICE", "user-2")).isTrue();
    }

    // ------------------------------------------------------------------ reads, dashboard, actuator

    @Test
    void readingTheRegistryNeedsACredential() throws Exception {
        assertThat(read("/eureka/apps", null).statusCode()).isEqualTo(401);
        assertThat(read("/eureka/apps/delta", null).statusCode()).isEqualTo(401);
        assertThat(read("/eureka/apps", basic("gateway-service", "nope")).statusCode()).isEqualTo(401);
        assertThat(read("/eureka/apps", basic("gateway-service", GATEWAY_SECRET)).statusCode()).isEqualTo(200);
        assertThat(read("/eureka/apps/delta", basic("user-service", USER_SECRET)).statusCode()).isEqualTo(200);
        assertThat(read("/eureka/apps", basic("dashboard", DASHBOARD_PASSWORD)).statusCode()).isEqualTo(200);
    }

    @Test
    void theDashboardNeedsTheDashboardLogin() throws Exception {
        HttpResponse<String> anonymous = read("/", null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
        assertThat(read("/", basic("dashboard", "wrong")).statusCode()).isEqualTo(401);
        assertThat(read("/", basic("gateway-service", GATEWAY_SECRET)).statusCode()).as("a service is no operator")
                .isEqualTo(403);
        HttpResponse<String> dashboard = read("/", basic("dashboard", DASHBOARD_PASSWORD));
        assertThat(dashboard.statusCode()).isEqualTo(200);
        assertThat(dashboard.body()).contains("Instances currently registered with Eureka");
    }

    @Test
    void probesAndPrometheusStayOpenTheRestOfTheActuatorDoesNot() throws Exception {
        for (String path : new String[] { "/actuator/health/liveness", "/actuator/health/readiness" }) {
            HttpResponse<String> response = read(path, null);
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            assertThat(response.body()).contains("UP");
        }
        HttpResponse<String> metrics = read("/actuator/prometheus", null);
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("application=\"discovery-service\"");
        assertThat(read("/actuator/metrics", null).statusCode()).isEqualTo(401);
        assertThat(read("/actuator/metrics", basic("gateway-service", GATEWAY_SECRET)).statusCode()).isEqualTo(403);
        assertThat(read("/actuator/metrics", basic("dashboard", DASHBOARD_PASSWORD)).statusCode()).isEqualTo(200);
    }

    // ------------------------------------------------------------------ a real Eureka client

    /**
     * A Spring Cloud Eureka client with service-defaults registers itself with its service secret; the same
     * client configuration with a wrong secret is refused.
     */
    @Test
    void aRealEurekaClientRegistersWithItsSecretAndOneWithAWrongSecretIsRefused() throws Exception {
        try (ConfigurableApplicationContext probe = eurekaClient("probe-service", PROBE_SECRET, true)) {
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(registered("PROBE-SERVICE", "probe-service:it:9999")).isTrue());
        }
        try (ConfigurableApplicationContext rogue = eurekaClient("user-service", "not-user-services-secret", false)) {
            var client = rogue.getBean(RestClientTransportClientFactories.class)
                    .newTransportClientFactory(null, List.of(), null)
                    .newClient(new DefaultEndpoint("http://127.0.0.1:" + port + "/eureka/"));
            InstanceInfo instance = InstanceInfo.Builder.newBuilder().setAppName("user-service")
                    .setInstanceId("user-service:127.0.0.1:6666").setHostName("127.0.0.1").setIPAddr("127.0.0.1")
                    .setPort(6666).setDataCenterInfo(new MyDataCenterInfo(DataCenterInfo.Name.MyOwn)).build();
            assertThat(client.register(instance).getStatusCode()).isEqualTo(401);
            assertNotRegistered("USER-SERVICE", "user-service:127.0.0.1:6666");
        }
    }

    private ConfigurableApplicationContext eurekaClient(String name, String secret, boolean register) {
        // arguments, not default properties: the registry's own application.yml is on this class path too
        // (spring.config.name keeps it out)
        return new SpringApplicationBuilder(EurekaClientProbe.class)
                .web(WebApplicationType.NONE)
                .run("--spring.config.name=eureka-client-probe",
                        "--spring.application.name=" + name,
                        "--SMARTLINK_SERVICE_SECRET=" + secret,
                        "--spring.cloud.config.enabled=false",
                        "--spring.cloud.config.import-check.enabled=false",
                        "--eureka.client.service-url.defaultZone=http://127.0.0.1:" + port + "/eureka/",
                        "--eureka.client.register-with-eureka=" + register,
                        "--eureka.client.fetch-registry=" + register,
                        "--eureka.client.initial-instance-info-replication-interval-seconds=1",
                        "--eureka.client.instance-info-replication-interval-seconds=1",
                        // the server's Jersey client is on this class path; services use the RestClient transport
                        "--eureka.client.jersey.enabled=false",
                        "--eureka.instance.non-secure-port=9999",
                        "--eureka.instance.instance-id=" + name + ":it:9999",
                        "--server.port=9999");
    }

    // ------------------------------------------------------------------ helpers

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> register(String path, String app, String instanceId, String authorization)
            throws Exception {
        String instance = """
                {"instance":{"instanceId":"%s","hostName":"127.0.0.1","app":"%s","ipAddr":"127.0.0.1",
                "status":"UP","port":{"$":9999,"@enabled":"true"},
                "dataCenterInfo":{"@class":"com.netflix.appinfo.InstanceInfo$DefaultDataCenterInfo","name":"MyOwn"}}}
                """.formatted(instanceId, app);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(instance));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> send(String method, String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> read(String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (path.startsWith("/eureka/")) {
            request.header("Accept", "application/json");
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Whether the registry holds that instance now (read with a service's credential). Asks for the one
     * instance: the application listings come from Eureka's response cache, refreshed every few seconds.
     */
    private boolean registered(String app, String instanceId) throws Exception {
        HttpResponse<String> found = read("/eureka/apps/" + app + "/" + instanceId, basic("gateway-service", GATEWAY_SECRET));
        assertThat(found.statusCode()).as("GET %s/%s", app, instanceId).isIn(200, 404);
        return found.statusCode() == 200;
    }

    private void assertNotRegistered(String app, String... instanceIds) throws Exception {
        for (String id : instanceIds) {
            assertThat(registered(app, id)).as("%s %s registered", app, id).isFalse();
        }
    }
}
