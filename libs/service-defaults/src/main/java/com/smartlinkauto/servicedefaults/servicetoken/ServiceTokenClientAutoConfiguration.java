package com.smartlinkauto.servicedefaults.servicetoken;

import java.net.http.HttpClient;
import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.client.loadbalancer.LoadBalancerClient;
import org.springframework.cloud.client.loadbalancer.LoadBalancerRequestFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.web.client.RestClient;

/**
 * The calling side of service credentials: a {@link ServiceTokens} bean that gets client-credentials tokens from
 * {@code smartlink.security.service.token-uri} with this service's id ({@code spring.application.name}) and
 * secret ({@code SMARTLINK_SERVICE_SECRET}). user-service, the issuer itself, brings its own (it mints locally).
 */
@AutoConfiguration
@ConditionalOnClass({ OAuth2AuthorizedClientManager.class, RestClient.class, LoadBalancerClient.class })
@EnableConfigurationProperties(ServiceTokenProperties.class)
public class ServiceTokenClientAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ServiceTokenClientAutoConfiguration.class);

    @Bean
    @ConditionalOnMissingBean
    ServiceTokens serviceTokens(ServiceTokenProperties properties, Environment environment,
            ObjectProvider<LoadBalancerClient> loadBalancer, ObjectProvider<LoadBalancerRequestFactory> requestFactory) {
        String clientId = properties.clientId() != null ? properties.clientId()
                : environment.getProperty("spring.application.name", "application");
        // the JDK HttpClient: HttpURLConnection cannot read the body of a 401 to a streamed request (the token
        // endpoint's invalid_client answer)
        JdkClientHttpRequestFactory http = new JdkClientHttpRequestFactory(HttpClient.newBuilder()
                .connectTimeout(properties.connectTimeout()).version(HttpClient.Version.HTTP_1_1).build());
        http.setReadTimeout(properties.readTimeout());
        RestClient.Builder tokenClient = RestClient.builder().requestFactory(http);
        ServiceUris.loadBalancing(properties.tokenUri(), loadBalancer, requestFactory)
                .ifPresent(tokenClient::requestInterceptor);
        if (properties.clientSecret() == null) {
            log.warn("No service credential (SMARTLINK_SERVICE_SECRET): calls to other services' internal APIs "
                    + "will be refused");
        }
        return new OAuth2ServiceTokens(clientId, properties.clientSecret(), properties.tokenUri(), tokenClient,
                properties.refreshBefore(), Clock.systemUTC());
    }
}
