package com.smartlinkauto.servicedefaults.security;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.security.config.observation.SecurityObservationSettings;

/**
 * Spring Security observes nothing unless {@code management.observations.enable.spring.security=true} (off by
 * default: ServiceDefaultsEnvironmentPostProcessor). That property alone only makes each observation a no-op:
 * Security still wraps every filter of every chain in an observing decorator and creates its (no-op)
 * observations per filter and request (41 decorator frames on a request's stack; in JFR of the idle discovery
 * server and storage controller ~12 % of their requests' samples had observation code in the top frames). With
 * {@link SecurityObservationSettings#noObservations()} the filter chains, authentication and authorization
 * managers are not wrapped at all, servlet and reactive.
 */
@AutoConfiguration
@ConditionalOnClass(SecurityObservationSettings.class)
public class SecurityObservationDefaultsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    SecurityObservationSettings securityObservationSettings(Environment environment) {
        boolean observe = environment.getProperty("management.observations.enable.spring.security", Boolean.class,
                Boolean.TRUE);
        return observe ? SecurityObservationSettings.withDefaults().build()
                : SecurityObservationSettings.noObservations();
    }
}
