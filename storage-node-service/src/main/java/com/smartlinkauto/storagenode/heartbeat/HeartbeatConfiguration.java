package com.smartlinkauto.storagenode.heartbeat;

import java.time.Clock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestClient;

import com.smartlinkauto.storagenode.NodeProperties;
import com.smartlinkauto.storagenode.chunk.ChunkStore;
import com.smartlinkauto.storagenode.chunk.CorruptChunks;
import com.smartlinkauto.storagenode.status.NodeStatusService;

import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "smartlink.node.heartbeat.enabled", havingValue = "true", matchIfMissing = true)
class HeartbeatConfiguration {

    @Bean
    ControllerClient controllerClient(RestClient.Builder builder, NodeProperties properties,
            ObjectProvider<DiscoveryClient> discovery, JsonMapper json) {
        return new ControllerClient(builder, properties.heartbeat(), properties.controllerUrl(), discovery, json);
    }

    @Bean
    HeartbeatSender heartbeatSender(ControllerClient controller, NodeStatusService status, ChunkStore store,
            CorruptChunks corrupt, NodeProperties properties, MeterRegistry registry) {
        return new HeartbeatSender(controller, status, store, corrupt, properties.heartbeat(), Clock.systemUTC(),
                registry);
    }
}
