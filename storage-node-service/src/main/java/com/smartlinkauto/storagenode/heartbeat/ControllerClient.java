package com.smartlinkauto.storagenode.heartbeat;

import java.net.URI;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

import com.smartlinkauto.storagenode.NodeProperties;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Calls the storage controller's internal node API with short timeouts (a heartbeat that cannot be
 * delivered in time is dropped; the next one follows 2 s later). The controller URL's host, when it is
 * a bare service name such as {@code storage-controller-service}, is looked up in discovery (a random
 * registered instance) and otherwise resolved by DNS (the compose / Kubernetes service name).
 */
class ControllerClient {

    private final URI configured;
    private final ObjectProvider<DiscoveryClient> discovery;
    private final RestClient heartbeats;
    private final RestClient reports;
    private final JsonMapper json;

    ControllerClient(RestClient.Builder builder, NodeProperties.Heartbeat settings, URI controllerUrl,
            ObjectProvider<DiscoveryClient> discovery, JsonMapper json) {
        this.configured = controllerUrl;
        this.discovery = discovery;
        this.json = json;
        this.heartbeats = builder.clone().requestFactory(ClientHttpRequestFactoryBuilder.jdk()
                .build(HttpClientSettings.defaults().withTimeouts(settings.connectTimeout(), settings.readTimeout())))
                .build();
        this.reports = builder.clone().requestFactory(ClientHttpRequestFactoryBuilder.jdk()
                .build(HttpClientSettings.defaults().withTimeouts(settings.connectTimeout(), settings.reportTimeout())))
                .build();
    }

    /** @return whether the controller asked for a full chunk report */
    boolean heartbeat(Heartbeat heartbeat) {
        byte[] answer = heartbeats.post()
                .uri(base() + "/internal/storage/nodes/{nodeId}/heartbeat", heartbeat.nodeId())
                .contentType(MediaType.APPLICATION_JSON)
                .body(heartbeat)
                .retrieve()
                .body(byte[].class);
        if (answer == null || answer.length == 0) {
            return false;
        }
        try {
            JsonNode reply = json.readTree(answer);
            return reply.path("requestFullReport").asBoolean(false);
        }
        catch (RuntimeException ex) {
            return false; // an answer we do not understand asks for nothing
        }
    }

    void report(ChunkReport report) {
        reports.put()
                .uri(base() + "/internal/storage/nodes/{nodeId}/chunks", report.nodeId())
                .contentType(MediaType.APPLICATION_JSON)
                .body(report)
                .retrieve()
                .toBodilessEntity();
    }

    /** The controller's base URL for the next call. */
    String base() {
        String host = configured.getHost();
        if (configured.getPort() < 0 && host != null && host.indexOf('.') < 0 && !"localhost".equals(host)) {
            DiscoveryClient client = discovery.getIfAvailable();
            if (client != null) {
                List<ServiceInstance> instances = client.getInstances(host);
                if (!instances.isEmpty()) {
                    ServiceInstance chosen = instances.get(ThreadLocalRandom.current().nextInt(instances.size()));
                    return stripSlash(chosen.getUri().toString());
                }
            }
        }
        return stripSlash(configured.toString());
    }

    String describe() {
        return configured.toString();
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
