package com.smartlinkauto.storagenode.status;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.smartlinkauto.storagenode.NodeProperties;
import com.smartlinkauto.storagenode.chunk.ChunkStore;
import com.smartlinkauto.storagenode.node.AdvertisedUrl;
import com.smartlinkauto.storagenode.node.NodeIdentity;
import com.smartlinkauto.storagenode.throttle.NodeBandwidth;

@Configuration(proxyBeanMethods = false)
class StatusConfiguration {

    @Bean
    NodeStatusService nodeStatusService(NodeIdentity identity, NodeProperties properties, ChunkStore store,
            NodeBandwidth bandwidth, AdvertisedUrl self) {
        return new NodeStatusService(identity, properties, store, bandwidth, self, Clock.systemUTC());
    }
}
