package com.smartlinkauto.storagenode.transfer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.smartlinkauto.storagenode.chunk.ChunkStore;
import com.smartlinkauto.storagenode.node.AdvertisedUrl;
import com.smartlinkauto.storagenode.pipeline.PipelineClient;
import com.smartlinkauto.storagenode.pipeline.RegisteredNodes;
import com.smartlinkauto.storagenode.throttle.NodeBandwidth;

@Configuration(proxyBeanMethods = false)
class TransferConfiguration {

    @Bean
    PushService pushService(ChunkStore store, PipelineClient client, NodeBandwidth bandwidth, AdvertisedUrl self,
            RegisteredNodes registered) {
        return new PushService(store, client, bandwidth, self, registered);
    }
}
