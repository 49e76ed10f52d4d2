package com.smartlinkauto.storagenode.pipeline;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.smartlinkauto.servicedefaults.servicetoken.ServiceTokens;
import com.smartlinkauto.storagenode.NodeProperties;
import com.smartlinkauto.storagenode.chunk.ChunkMetrics;
import com.smartlinkauto.storagenode.chunk.ChunkStore;
import com.smartlinkauto.storagenode.node.AdvertisedUrl;
import com.smartlinkauto.storagenode.node.NodeIdentity;
import com.smartlinkauto.storagenode.throttle.NodeBandwidth;

import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
class PipelineConfiguration {

    @Bean(destroyMethod = "close")
    PipelineClient pipelineClient(NodeProperties properties, ServiceTokens tokens, NodeBandwidth bandwidth,
            JsonMapper json, MeterRegistry registry) {
        NodeProperties.Transfer transfer = properties.transfer();
        return new PipelineClient(new PipelineClient.Settings(transfer.connectTimeout(), transfer.responseTimeout(),
                transfer.stallTimeout(), transfer.bufferBytes()), tokens, bandwidth, json, registry);
    }

    @Bean
    PipelineReceiver pipelineReceiver(ChunkStore store, PipelineClient client, NodeBandwidth bandwidth,
            ChunkMetrics metrics, NodeIdentity identity, AdvertisedUrl self) {
        return new PipelineReceiver(store, client, bandwidth, metrics, identity, self);
    }
}
