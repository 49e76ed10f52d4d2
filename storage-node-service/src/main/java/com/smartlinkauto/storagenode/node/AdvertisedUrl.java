package com.smartlinkauto.storagenode.node;

import java.net.URI;

import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;

/**
 * The base URL other nodes and the controller reach this node at: {@code smartlink.node.advertised-url}
 * when set, else {@code http://<ip Eureka registers>:<port the server listens on>} (the loopback
 * address locally, the pod or container IP in docker/kubernetes). Known once the web server is up.
 */
public class AdvertisedUrl implements ApplicationListener<WebServerInitializedEvent> {

    private final String configured;
    private final Environment environment;
    private volatile URI value;

    AdvertisedUrl(String configured, Environment environment) {
        this.configured = configured;
        this.environment = environment;
        if (configured != null && !configured.isBlank()) {
            this.value = URI.create(configured.trim());
        }
    }

    @Override
    public void onApplicationEvent(WebServerInitializedEvent event) {
        if (value != null || event.getApplicationContext().getServerNamespace() != null) {
            return; // configured, or the management server's event
        }
        String ip = environment.getProperty("eureka.instance.ip-address");
        if (ip == null || ip.isBlank()) {
            ip = environment.getProperty("spring.cloud.client.ip-address", "127.0.0.1");
        }
        String host = ip.contains(":") ? "[" + ip + "]" : ip;
        value = URI.create("http://" + host + ":" + event.getWebServer().getPort());
    }

    /** The base URL, e.g. {@code http://10.0.3.7:9101}; null until the web server has started. */
    public URI get() {
        return value;
    }

    @Override
    public String toString() {
        return String.valueOf(value);
    }
}
