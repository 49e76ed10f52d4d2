package com.smartlinkauto.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

import com.smartlinkauto.testsupport.IntegrationTest;

@IntegrationTest
class DiscoveryServiceIT {

    private final HttpClient http = HttpClient.newHttpClient();

    @Value("${local.server.port}")
    int port;

    @Test
    void registryAcceptsARegistrationAndListsIt() throws Exception {
        String base = "http://127.0.0.1:" + port;
        String instance = """
                {"instance":{"instanceId":"probe-1","hostName":"127.0.0.1","app":"PROBE-SERVICE","ipAddr":"127.0.0.1",
                "status":"UP","port":{"$":9999,"@enabled":"true"},
                "dataCenterInfo":{"@class":"com.netflix.appinfo.InstanceInfo$DefaultDataCenterInfo","name":"MyOwn"}}}
                """;
        HttpResponse<String> registered = http.send(HttpRequest.newBuilder(URI.create(base + "/eureka/apps/PROBE-SERVICE"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(instance)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(registered.statusCode()).isEqualTo(204);

        HttpResponse<String> listed = http.send(HttpRequest.newBuilder(URI.create(base + "/eureka/apps/PROBE-SERVICE"))
                .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(listed.statusCode()).isEqualTo(200);
        assertThat(listed.body()).contains("probe-1");
    }

    @Test
    void exposesProbesAndPrometheus() throws Exception {
        String base = "http://127.0.0.1:" + port;
        for (String path : new String[] { "/actuator/health/liveness", "/actuator/health/readiness" }) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            assertThat(response.body()).contains("UP");
        }
        HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(URI.create(base + "/actuator/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("application=\"discovery-service\"");
    }
}
