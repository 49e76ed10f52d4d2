package com.smartlinkauto.servicedefaults.servicetoken;

import java.net.URI;
import java.util.Optional;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.client.loadbalancer.LoadBalancerClient;
import org.springframework.cloud.client.loadbalancer.LoadBalancerInterceptor;
import org.springframework.cloud.client.loadbalancer.LoadBalancerRequestFactory;
import org.springframework.http.client.ClientHttpRequestInterceptor;

/**
 * URLs of other services: a bare service name as host ({@code http://user-service/...}: no port, no dot, not
 * {@code localhost}) is looked up in discovery; any other host (an IP, a DNS name, {@code 127.0.0.1:port} in
 * tests) is called as it is.
 */
public final class ServiceUris {

    private ServiceUris() {
    }

    public static boolean isServiceName(URI uri) {
        String host = uri.getHost();
        return uri.getPort() < 0 && host != null && host.indexOf('.') < 0 && host.indexOf(':') < 0
                && !"localhost".equalsIgnoreCase(host);
    }

    /**
     * A load-balancing interceptor for {@code uri} when its host is a service name and Spring Cloud LoadBalancer
     * is there. Built from the {@link LoadBalancerClient}: the {@code LoadBalancerInterceptor} bean Spring Cloud
     * registers is replaced by a {@code RetryLoadBalancerInterceptor} (not a subclass) whenever spring-retry is
     * on the class path, which every service has for the config client's fail-fast retry.
     */
    public static Optional<ClientHttpRequestInterceptor> loadBalancing(URI uri,
            ObjectProvider<LoadBalancerClient> loadBalancer, ObjectProvider<LoadBalancerRequestFactory> requestFactory) {
        if (!isServiceName(uri)) {
            return Optional.empty();
        }
        LoadBalancerClient client = loadBalancer.getIfAvailable();
        if (client == null) {
            return Optional.empty();
        }
        LoadBalancerRequestFactory factory = requestFactory.getIfAvailable(() -> new LoadBalancerRequestFactory(client));
        return Optional.of(new LoadBalancerInterceptor(client, factory));
    }
}
