package com.smartlinkauto.servicedefaults;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.restclient.RestClientCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.client.RestClient;

import com.smartlinkauto.servicedefaults.problem.ProblemDetailsAdvice;
import com.smartlinkauto.servicedefaults.web.CorrelationIdFilter;
import com.smartlinkauto.servicedefaults.web.CorrelationIdPropagation;
import com.smartlinkauto.servicedefaults.web.RequestBodyLimitFilter;
import com.smartlinkauto.servicedefaults.web.RequestBodyLimitProperties;

/**
 * What every SmartLink servlet service gets by depending on {@code service-defaults}: the problem+json
 * error advice, the correlation-id filter (MDC + response header) and its propagation to outgoing
 * {@link RestClient} calls, and the request-body cap ({@link RequestBodyLimitFilter}, 413 problem+json). Property defaults (actuator probes, Prometheus, metric tags, log pattern)
 * come from {@link ServiceDefaultsEnvironmentPostProcessor}.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = Type.SERVLET)
@EnableConfigurationProperties(RequestBodyLimitProperties.class)
public class ServiceDefaultsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    ProblemDetailsAdvice problemDetailsAdvice() {
        return new ProblemDetailsAdvice();
    }

    @Bean
    FilterRegistrationBean<CorrelationIdFilter> correlationIdFilter() {
        var registration = new FilterRegistrationBean<>(new CorrelationIdFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        registration.setName("correlationIdFilter");
        return registration;
    }

    /** Right after the correlation id (so the 413 carries it), before security and everything else. */
    @Bean
    FilterRegistrationBean<RequestBodyLimitFilter> requestBodyLimitFilter(RequestBodyLimitProperties properties) {
        var registration = new FilterRegistrationBean<>(new RequestBodyLimitFilter(properties));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        registration.setName("requestBodyLimitFilter");
        return registration;
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({ RestClient.class, RestClientCustomizer.class })
    static class RestClientPropagation {

        @Bean
        RestClientCustomizer correlationIdRestClientCustomizer() {
            return builder -> builder.requestInterceptor(new CorrelationIdPropagation());
        }
    }
}
