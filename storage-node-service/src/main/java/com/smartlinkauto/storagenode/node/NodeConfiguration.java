package com.smartlinkauto.storagenode.node;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import com.netflix.appinfo.ApplicationInfoManager;
import com.smartlinkauto.storagenode.NodeProperties;

/** The node's identity and data directory, settled once at start, before anything touches a chunk. */
@Configuration(proxyBeanMethods = false)
class NodeConfiguration {

    private static final Logger log = LoggerFactory.getLogger(NodeConfiguration.class);

    @Bean(destroyMethod = "close")
    DataDirectory dataDirectory(NodeProperties properties, Environment environment) {
        OptionalInt ordinal = NodeIds.ordinal(hostname(environment), properties.statefulSetName());
        Optional<String> declared = NodeIds.declaredId(properties.id(), ordinal);
        int port = environment.getProperty("server.port", Integer.class, 9101);
        Path dir = NodeIds.dataDir(properties.dataDir(), declared, port, Path.of("").toAbsolutePath());
        return DataDirectory.open(dir, declared);
    }

    @Bean
    NodeIdentity nodeIdentity(NodeProperties properties, DataDirectory dataDirectory, Environment environment) {
        OptionalInt ordinal = NodeIds.ordinal(hostname(environment), properties.statefulSetName());
        String source;
        if (!properties.id().isBlank()) {
            source = "configured";
        }
        else if (ordinal.isPresent()) {
            source = "statefulset-ordinal";
        }
        else {
            source = dataDirectory.idGenerated() ? "generated" : "data-dir";
        }
        NodeIdentity identity = new NodeIdentity(dataDirectory.nodeId(),
                NodeIds.zone(properties.zone(), ordinal, properties.zones()), dataDirectory.root(), source);
        log.info("Storage node {} (id {}) in zone {}: data in {}, {} GiB, {} Mbps{}, {} vCPU, {} GiB memory",
                identity.id(), source, identity.zone(), identity.dataDir(), properties.storageGb(),
                properties.bandwidthMbps(), properties.throttle() ? "" : " (not throttled)", properties.vcpus(),
                properties.memoryGb());
        return identity;
    }

    @Bean
    AdvertisedUrl advertisedUrl(NodeProperties properties, Environment environment) {
        return new AdvertisedUrl(properties.advertisedUrl(), environment);
    }

    /** Node id and zone in the Eureka registration, so the controller can list nodes from discovery too. */
    @Bean
    SmartInitializingSingleton eurekaNodeMetadata(ObjectProvider<ApplicationInfoManager> infoManager,
            NodeIdentity identity) {
        // after every singleton exists, before lifecycle start registers the instance
        return () -> infoManager.ifAvailable(manager -> manager.registerAppMetadata(
                Map.of("nodeId", identity.id(), "zone", identity.zone())));
    }

    /** The pod or container host name: {@code HOSTNAME} (set by Kubernetes and Docker), else the OS's. */
    static String hostname(Environment environment) {
        String hostname = environment.getProperty("HOSTNAME");
        if (hostname != null && !hostname.isBlank()) {
            return hostname;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        }
        catch (java.io.IOException ex) {
            return "";
        }
    }
}
