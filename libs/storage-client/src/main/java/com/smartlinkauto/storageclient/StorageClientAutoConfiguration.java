package com.smartlinkauto.storageclient;

import java.net.URI;
import java.time.Duration;
import java.util.function.Supplier;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.LoadBalancerClient;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

import com.smartlinkauto.servicedefaults.servicetoken.ServiceTokenClientAutoConfiguration;
import com.smartlinkauto.servicedefaults.servicetoken.ServiceTokenException;
import com.smartlinkauto.servicedefaults.servicetoken.ServiceTokens;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;

/**
 * A {@link StorageClient} for every service that depends on {@code storage-client}. It calls
 * {@code smartlink.storage-client.base-url} when that is set, otherwise an instance of
 * {@code smartlink.storage-client.service-id} chosen per call by Spring Cloud's {@link LoadBalancerClient}, with a
 * service token for that service id from the application's {@link ServiceTokens}.
 * <p>
 * Circuit breaker {@value #CIRCUIT_BREAKER}: opens when half of the last 20 calls (at least 10) found the
 * network unavailable, and lets 3 trial calls through after 30 s. Only {@link StorageUnavailableException}s
 * count as failures, and no call is "slow" (an upload of a large file may rightly take minutes). A
 * {@link CircuitBreakerRegistry} bean, when the application has one, is used (a {@code storage} breaker
 * configured there wins); its state is published as {@code resilience4j.circuitbreaker.*} metrics.
 */
@AutoConfiguration(after = ServiceTokenClientAutoConfiguration.class)
@EnableConfigurationProperties(StorageClientProperties.class)
public class StorageClientAutoConfiguration {

    public static final String CIRCUIT_BREAKER = "storage";

    /** Without a {@link ServiceTokens} bean (no OAuth2 client on the class path) every call is refused up front. */
    private static final ServiceTokens NO_CREDENTIALS = new ServiceTokens() {

        @Override
        public String token(String audience) {
            throw new ServiceTokenException("No service credentials: this application has no ServiceTokens bean");
        }

        @Override
        public void invalidate(String audience) {
        }
    };

    @Bean
    @ConditionalOnMissingBean
    StorageClient storageClient(StorageClientProperties properties, Environment environment,
            ObjectProvider<LoadBalancerClient> loadBalancer, ObjectProvider<CircuitBreakerRegistry> registries,
            ObjectProvider<MeterRegistry> meterRegistry, ObjectProvider<ServiceTokens> serviceTokens) {
        MeterRegistry meters = meterRegistry.getIfAvailable(() -> Metrics.globalRegistry);
        CircuitBreakerRegistry registry = registries.getIfAvailable(CircuitBreakerRegistry::ofDefaults);
        CircuitBreaker breaker = registry.circuitBreaker(CIRCUIT_BREAKER, circuitBreakerConfig());
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(registry).bindTo(meters);
        String owner = properties.owner() != null ? properties.owner()
                : environment.getProperty("spring.application.name");
        ServiceTokens tokens = serviceTokens.getIfAvailable(() -> NO_CREDENTIALS);
        return new HttpStorageClient(properties, baseUri(properties, loadBalancer), owner, breaker, meters, tokens);
    }

    static CircuitBreakerConfig circuitBreakerConfig() {
        return CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(20)
                .minimumNumberOfCalls(10)
                .failureRateThreshold(50)
                .waitDurationInOpenState(Duration.ofSeconds(30))
                .permittedNumberOfCallsInHalfOpenState(3)
                .automaticTransitionFromOpenToHalfOpenEnabled(false)
                .slowCallDurationThreshold(Duration.ofDays(1))
                .recordException(ex -> ex instanceof StorageUnavailableException)
                .build();
    }

    static Supplier<URI> baseUri(StorageClientProperties properties, ObjectProvider<LoadBalancerClient> loadBalancer) {
        if (properties.baseUrl() != null) {
            URI fixed = URI.create(properties.baseUrl());
            return () -> fixed;
        }
        String serviceId = properties.serviceId();
        return () -> {
            LoadBalancerClient client = loadBalancer.getIfAvailable();
            if (client == null) {
                throw new StorageUnavailableException("The file storage is unavailable right now. Try again later.",
                        new IllegalStateException("No LoadBalancerClient to find " + serviceId
                                + " and no smartlink.storage-client.base-url"));
            }
            ServiceInstance instance = client.choose(serviceId);
            if (instance == null) {
                throw new StorageUnavailableException("The file storage is unavailable right now. Try again later.",
                        new IllegalStateException("No instance of " + serviceId + " is registered"));
            }
            return instance.getUri();
        };
    }
}
