package com.smartlinkauto.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

import com.smartlinkauto.testsupport.IntegrationTest;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The bundled config-repo is served, with profile files layered over the shared application.yml. */
@IntegrationTest
class ConfigServiceIT {

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();

    @Value("${local.server.port}")
    int port;

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return json.readTree(response.body());
    }

    @Test
    void servesTheGatewayConfigurationWithItsRoutes() throws Exception {
        JsonNode env = get("/gateway-service/default");
        assertThat(env.get("name").asString()).isEqualTo("gateway-service");
        String sources = env.get("propertySources").toString();
        assertThat(sources).contains("gateway-service.yml").contains("application.yml");
        assertThat(sources).contains("spring.cloud.gateway.server.webflux.routes[0].id");
        assertThat(sources).contains("lb://user-service");
    }

    @Test
    void layersTheDockerAndKubernetesProfiles() throws Exception {
        assertThat(get("/gateway-service/docker").get("propertySources").toString())
                .contains("application-docker.yml");
        assertThat(get("/gateway-service/kubernetes").get("propertySources").toString())
                .contains("application-kubernetes.yml");
    }

    @Test
    void unknownApplicationsGetOnlyTheSharedDefaults() throws Exception {
        String sources = get("/no-such-service/default").get("propertySources").toString();
        assertThat(sources).contains("application.yml").doesNotContain("gateway-service.yml");
    }
}
