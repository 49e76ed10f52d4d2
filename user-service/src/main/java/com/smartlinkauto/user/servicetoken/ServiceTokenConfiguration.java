package com.smartlinkauto.user.servicetoken;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import com.smartlinkauto.servicedefaults.servicetoken.ServiceTokenVerifier;
import com.smartlinkauto.user.keys.SigningKeyStore;
import com.smartlinkauto.user.token.TokenProperties;

/** Service tokens sent to this service ({@code /internal/**}) are checked against its own key store, like users'. */
@Configuration(proxyBeanMethods = false)
class ServiceTokenConfiguration {

    @Bean
    ServiceTokenVerifier serviceTokenVerifier(SigningKeyStore keys, TokenProperties tokens, Environment environment) {
        return ServiceTokenVerifier.withJwkSource(keys.verificationKeys(), tokens.issuer(),
                environment.getRequiredProperty("spring.application.name"));
    }
}
