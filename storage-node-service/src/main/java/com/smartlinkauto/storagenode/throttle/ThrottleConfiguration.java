package com.smartlinkauto.storagenode.throttle;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.smartlinkauto.storagenode.NodeProperties;

import io.micrometer.core.instrument.MeterRegistry;

@Configuration(proxyBeanMethods = false)
class ThrottleConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ThrottleConfiguration.class);

    @Bean
    NodeBandwidth nodeBandwidth(NodeProperties properties, MeterRegistry registry) {
        int buffer = properties.transfer().bufferBytes();
        if (!properties.throttle()) {
            log.warn("Transfers are not throttled (smartlink.node.throttle=false): the declared {} Mbps is "
                    + "reported but not enforced", properties.bandwidthMbps());
            return new NodeBandwidth(BandwidthThrottle.unlimited(), BandwidthThrottle.unlimited(), registry);
        }
        return new NodeBandwidth(BandwidthThrottle.of(properties.bandwidthMbps(), buffer),
                BandwidthThrottle.of(properties.bandwidthMbps(), buffer), registry);
    }
}
