package com.smartlinkauto.servicedefaults.discovery;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.cloud.netflix.eureka.TimeoutProperties;
import org.springframework.cloud.netflix.eureka.http.DefaultEurekaClientHttpRequestFactorySupplier;
import org.springframework.cloud.netflix.eureka.http.EurekaClientHttpRequestFactorySupplier;
import org.springframework.cloud.netflix.eureka.http.EurekaClientHttpRequestFactorySupplier.RequestConfigCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Every service proves who it is to discovery-service: the Eureka client (Spring Cloud Netflix 5's
 * RestClient transport, the default without Jersey) sends HTTP Basic credentials, user
 * {@code spring.application.name}, password {@code SMARTLINK_SERVICE_SECRET} ({@link EurekaClientCredentials}),
 * on registration, renewals, status changes and registry fetches. discovery-service lets a service write
 * only its own application's instances.
 * <p>
 * Spring Cloud Netflix builds each transport client's {@code RestClient} with the request factory from
 * the {@link EurekaClientHttpRequestFactorySupplier} bean, which it defines only when none exists. This
 * configuration runs before it and defines that bean: Spring Cloud's default supplier (timeouts, TLS,
 * request-config customizers) wrapped with a Basic-auth interceptor. Without a secret the client sends no
 * credential (one INFO line says so) and a registry that requires one refuses it with 401.
 */
@AutoConfiguration(beforeName = "org.springframework.cloud.netflix.eureka.config.DiscoveryClientOptionalArgsConfiguration")
@ConditionalOnClass(name = { "org.springframework.cloud.netflix.eureka.http.EurekaClientHttpRequestFactorySupplier",
        "org.springframework.web.client.RestClient", "org.apache.hc.client5.http.impl.classic.HttpClientBuilder" })
@ConditionalOnProperty(value = "eureka.client.enabled", matchIfMissing = true)
public class EurekaClientCredentialsAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EurekaClientCredentialsAutoConfiguration.class);

    @Bean
    @ConditionalOnMissingBean
    EurekaClientHttpRequestFactorySupplier eurekaClientHttpRequestFactorySupplier(Environment environment,
            ObjectProvider<TimeoutProperties> timeouts, ObjectProvider<RequestConfigCustomizer> customizers) {
        Set<RequestConfigCustomizer> customizerSet = customizers.orderedStream()
                .collect(Collectors.toCollection(LinkedHashSet::new));
        EurekaClientHttpRequestFactorySupplier defaults = new DefaultEurekaClientHttpRequestFactorySupplier(
                timeouts.getIfAvailable(TimeoutProperties::new), customizerSet);
        EurekaClientCredentials credentials = EurekaClientCredentials.from(environment);
        if (!credentials.present()) {
            boolean talksToRegistry = environment.getProperty("eureka.client.register-with-eureka", Boolean.class, true)
                    || environment.getProperty("eureka.client.fetch-registry", Boolean.class, true);
            if (talksToRegistry) {
                log.info("Eureka client sends no credential ({} is not set): a registry that requires one refuses "
                        + "this service", EurekaClientCredentials.SERVICE_SECRET);
            }
            return defaults;
        }
        log.info("Eureka client authenticates to the registry as '{}'", credentials.username());
        return new AuthenticatingEurekaRequestFactorySupplier(defaults, credentials);
    }
}
