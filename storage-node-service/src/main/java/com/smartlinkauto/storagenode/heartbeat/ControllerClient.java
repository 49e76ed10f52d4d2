package com.smartlinkauto.storagenode.heartbeat;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

import com.smartlinkauto.servicedefaults.servicetoken.ServiceTokens;
import com.smartlinkauto.storagenode.NodeProperties;
import com.smartlinkauto.storagenode.pipeline.RegisteredNodes;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Calls the storage controller's internal node API with short timeouts (a heartbeat that cannot be
 * delivered in time is dropped; the next one follows 2 s later). The controller URL's host, when it is
 * a bare service name such as {@code storage-controller-service}, is looked up in discovery (a random
 * registered instance) and otherwise resolved by DNS (the compose / Kubernetes service name). Every call
 * carries a service token for the controller and this node's key ({@code X-Node-Key}), which pins this node
 * id's address at the controller.
 */
class ControllerClient implements RegisteredNodes.Source {

    static final String CONTROLLER_AUDIENCE = "storage-controller-service";
    static final String NODE_KEY_HEADER = "X-Node-Key";

    private final URI configured;
    private final ObjectProvider<DiscoveryClient> discovery;
    private final RestClient heartbeats;
    private final RestClient reports;
    private final JsonMapper json;

    /** What a heartbeat answer said. */
    record HeartbeatAnswer(boolean requestFullReport, RegisteredNodes.PeerList nodes) {
    }

    ControllerClient(RestClient.Builder builder, NodeProperties.Heartbeat settings, URI controllerUrl,
            ObjectProvider<DiscoveryClient> discovery, JsonMapper json, ServiceTokens tokens, String nodeKey) {
        this.configured = controllerUrl;
        this.discovery = discovery;
        this.json = json;
        RestClient.Builder authenticated = builder.clone()
                .requestInterceptor(tokens.interceptor(CONTROLLER_AUDIENCE))
                .defaultHeader(NODE_KEY_HEADER, nodeKey);
        this.heartbeats = authenticated.clone().requestFactory(ClientHttpRequestFactoryBuilder.jdk()
                .build(HttpClientSettings.defaults().withTimeouts(settings.connectTimeout(), settings.readTimeout())))
                .build();
        this.reports = authenticated.clone().requestFactory(ClientHttpRequestFactoryBuilder.jdk()
                .build(HttpClientSettings.defaults().withTimeouts(settings.connectTimeout(), settings.reportTimeout())))
                .build();
    }

    HeartbeatAnswer heartbeat(Heartbeat heartbeat) {
        byte[] answer = heartbeats.post()
                .uri(base() + "/internal/storage/nodes/{nodeId}/heartbeat", heartbeat.nodeId())
                .contentType(MediaType.APPLICATION_JSON)
                .body(heartbeat)
                .retrieve()
                .body(byte[].class);
        if (answer == null || answer.length == 0) {
            return new HeartbeatAnswer(false, null);
        }
        try {
            JsonNode reply = json.readTree(answer);
            return new HeartbeatAnswer(reply.path("requestFullReport").asBoolean(false), peers(reply));
        }
        catch (RuntimeException ex) {
            return new HeartbeatAnswer(false, null); // an answer we do not understand asks for nothing
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

    /** {@code GET /internal/storage/nodes}: the registered nodes now. */
    @Override
    public RegisteredNodes.PeerList fetch() {
        byte[] answer = heartbeats.get().uri(base() + "/internal/storage/nodes").retrieve().body(byte[].class);
        RegisteredNodes.PeerList peers = answer == null ? null : peers(json.readTree(answer));
        if (peers == null) {
            throw new IllegalStateException("The controller's node list had no nodes");
        }
        return peers;
    }

    /** {@code {nodesVersion, nodes: [{nodeId, baseUrl}]}}; null when the answer carries no list. */
    private static RegisteredNodes.PeerList peers(JsonNode reply) {
        JsonNode nodes = reply.path("nodes");
        if (!nodes.isArray()) {
            return null;
        }
        List<RegisteredNodes.Peer> peers = new ArrayList<>();
        for (JsonNode node : nodes) {
            peers.add(new RegisteredNodes.Peer(node.path("nodeId").asString(null), node.path("baseUrl").asString(null)));
        }
        return new RegisteredNodes.PeerList(reply.path("nodesVersion").asString(null), peers);
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
