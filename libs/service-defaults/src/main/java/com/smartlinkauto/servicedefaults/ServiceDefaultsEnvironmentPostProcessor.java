package com.smartlinkauto.servicedefaults;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Adds the platform's property defaults with the lowest precedence, so a service's own
 * {@code application.yml}, the config server, environment variables and command-line arguments all
 * override them. Runs after config data so the active profiles are known.
 */
public class ServiceDefaultsEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    public static final String PROPERTY_SOURCE_NAME = "smartlinkServiceDefaults";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.getPropertySources().contains(PROPERTY_SOURCE_NAME)) {
            return;
        }
        environment.getPropertySources().addLast(new MapPropertySource(PROPERTY_SOURCE_NAME, defaults(environment)));
    }

    static Map<String, Object> defaults(ConfigurableEnvironment environment) {
        Map<String, Object> d = new LinkedHashMap<>();
        // actuator: liveness/readiness groups everywhere (not only on k8s), Prometheus scraping
        d.put("management.endpoints.web.exposure.include", "health,info,prometheus,metrics");
        d.put("management.endpoint.health.probes.enabled", "true");
        d.put("management.endpoint.health.show-components", "always");
        d.put("management.health.livenessstate.enabled", "true");
        d.put("management.health.readinessstate.enabled", "true");
        d.put("management.info.env.enabled", "true");
        d.put("management.metrics.tags.application", "${spring.application.name:unknown}");
        d.put("management.metrics.distribution.percentiles-histogram.http.server.requests", "true");
        // per-request work nobody reads (measured with JFR under bench/booking.sh): Spring Security's observations
        // wrap every filter of the chain, and DispatcherServlet publishes a ServletRequestHandledEvent per request
        // that Spring Modulith's multicaster looks up listeners for; http.server.requests metrics stay
        d.put("management.observations.enable.spring.security", "false");
        // and idle work nobody reads (bench/idle.sh, JFR of an idle payment-service): every run of a @Scheduled
        // method was an observation (timers, a long task timer, context propagation), most of what the jobs'
        // 200 ms due-checks cost (jobs.DueJob) although they return at once when nothing is due
        d.put("management.observations.enable.tasks.scheduled", "false");
        // Lettuce (Boot's LettuceObservationAutoConfiguration) made every Redis command an observation with its own
        // timer: 2 % of the gateway's CPU under bench/booking.sh (its rate limiter and revocation checks)
        d.put("management.observations.enable.lettuce", "false");
        d.put("spring.mvc.publish-request-handled-events", "false");
        // errors and shutdown
        // our ProblemDetailsAdvice replaces Boot's handler, which would otherwise shadow it
        d.put("spring.mvc.problemdetails.enabled", "false");
        d.put("server.error.include-stacktrace", "never");
        d.put("server.error.include-message", "never");
        d.put("server.shutdown", "graceful");
        // a burst of new connections (the gateway opens one per concurrent request) must queue in the
        // listen backlog, not overflow it: an overflowed connection is reset mid-request (measured with
        // 1,000 concurrent sign-ups at Tomcat's default of 100)
        d.put("server.tomcat.accept-count", "1024");
        d.put("spring.lifecycle.timeout-per-shutdown-phase", "20s");
        d.put("logging.pattern.correlation", "[%X{requestId:-}] ");
        // discovery: local runs register the loopback address; containers register their own IP
        d.put("eureka.client.service-url.defaultZone", "${EUREKA_URL:http://127.0.0.1:8761/eureka/}");
        // a new instance is routed to within ~13 s (fetch 5 s, the registry's response cache 3 s, the load
        // balancer's 5 s); a renewal every 10 s (Eureka's default: 30 s) keeps a crashed instance listed at most
        // 30 s (a stopped one deregisters at once): renewals and fetches were a quarter of an idle service's CPU
        d.put("eureka.client.registry-fetch-interval-seconds", "5");
        d.put("eureka.instance.prefer-ip-address", "true");
        d.put("eureka.instance.lease-renewal-interval-in-seconds", "10");
        d.put("eureka.instance.lease-expiration-duration-in-seconds", "30");
        d.put("eureka.instance.instance-id",
                "${spring.application.name}:${spring.cloud.client.ip-address}:${server.port:8080}");
        d.put("spring.cloud.loadbalancer.cache.ttl", "5s");
        // an idle consumer's fetch waits this long at the broker before it comes back empty and is sent again
        // (Kafka's default, 500 ms, made ~15 idle consumers cost the broker ~6 % of a core); a record still
        // answers the waiting fetch at once, so delivery is as quick as before
        d.put("spring.kafka.consumer.fetch-max-wait", "5s");
        // service credentials: this service's secret for client-credentials tokens (servicetoken package)
        d.put("smartlink.security.service.client-secret", "${SMARTLINK_SERVICE_SECRET:}");
        boolean containerised = Arrays.stream(environment.getActiveProfiles())
                .anyMatch(p -> p.equals("docker") || p.equals("kubernetes"));
        if (containerised) {
            d.put("logging.structured.format.console", "ecs");
        }
        else {
            d.put("eureka.instance.ip-address", "${EUREKA_INSTANCE_IP:127.0.0.1}");
            d.put("eureka.instance.hostname", "${EUREKA_INSTANCE_IP:127.0.0.1}");
        }
        return d;
    }

    @Override
    public int getOrder() {
        // after ConfigDataEnvironmentPostProcessor (HIGHEST_PRECEDENCE + 10): profiles are known by then
        return Ordered.HIGHEST_PRECEDENCE + 20;
    }
}
