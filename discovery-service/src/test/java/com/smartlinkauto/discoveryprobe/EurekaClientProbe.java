package com.smartlinkauto.discoveryprobe;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Configuration;

/**
 * A bare Spring Cloud Eureka client (auto-configuration only, service-defaults included) for
 * DiscoveryServiceIT. Outside the discovery package so that neither the registry's component scan nor the
 * test's configuration search picks it up.
 */
@Configuration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class EurekaClientProbe {
}
