package com.smartlinkauto.storagenode.heartbeat;

import java.time.Clock;
import java.time.Duration;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestClient;

import com.smartlinkauto.servicedefaults.servicetoken.ServiceTokens;
import com.smartlinkauto.storagenode.NodeProperties;
import com.smartlinkauto.storagenode.chunk.ChunkStore;
import com.smartlinkauto.storagenode.chunk.CorruptChunks;
import com.smartlinkauto.storagenode.node.DataDirectory;
import com.smartlinkauto.storagenode.pipeline.RegisteredNodes;
import com.smartlinkauto.storagenode.status.NodeStatusService;

import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

/** The controller client and the registered-node list always; heartbeats unless switched off. */
@Configuration(proxyBeanMethods = false)
class HeartbeatConfiguration {

    /** A pipeline or push naming an unknown node asks the controller again at most this often. */
    static final Duration NODE_LIST_REFRESH_GAP = Duration.ofSeconds(1);

    @Bean
    ControllerClient controllerClient(RestClient.Builder builder, NodeProperties properties,
            ObjectProvider<DiscoveryClient> discovery, JsonMapper json, ServiceTokens tokens, DataDirectory dataDirectory) {
        return new ControllerClient(builder, properties.heartbeat(), properties.controllerUrl(), discovery, json, tokens,
                dataDirectory.nodeKey());
    }

    @Bean
    RegisteredNodes registeredNodes(ControllerClient controller) {
        return new RegisteredNodes(controller, NODE_LIST_REFRESH_GAP);
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "smartlink.node.heartbeat.enabled", havingValue = "true", matchIfMissing = true)
    static class Heartbeats {

        @Bean
        HeartbeatSender heartbeatSender(ControllerClient controller, NodeStatusService status, ChunkStore store,
                CorruptChunks corrupt, RegisteredNodes registered, NodeProperties properties, MeterRegistry registry) {
            return new HeartbeatSender(controller, status, store, corrupt, registered, properties.heartbeat(),
                    Clock.systemUTC(), registry);
        }
    }
}
