package com.smartlinkauto.servicedefaults.discovery;

import java.nio.charset.StandardCharsets;
import java.util.List;

import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.SSLContext;

import org.springframework.cloud.netflix.eureka.http.EurekaClientHttpRequestFactorySupplier;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.InterceptingClientHttpRequestFactory;
import org.springframework.http.client.support.BasicAuthenticationInterceptor;

/**
 * The request factory of the Eureka client's RestClient transport with HTTP Basic credentials added to
 * every request: each {@code RestClientTransportClientFactory.newClient} (one per registry endpoint)
 * takes its request factory from this supplier. The credential travels in the {@code Authorization}
 * header only, never in {@code eureka.client.service-url.defaultZone} (which Eureka logs and shows).
 */
final class AuthenticatingEurekaRequestFactorySupplier implements EurekaClientHttpRequestFactorySupplier {

    private final EurekaClientHttpRequestFactorySupplier delegate;
    private final EurekaClientCredentials credentials;

    AuthenticatingEurekaRequestFactorySupplier(EurekaClientHttpRequestFactorySupplier delegate,
            EurekaClientCredentials credentials) {
        this.delegate = delegate;
        this.credentials = credentials;
    }

    @Override
    public ClientHttpRequestFactory get(SSLContext sslContext, HostnameVerifier hostnameVerifier) {
        return new InterceptingClientHttpRequestFactory(delegate.get(sslContext, hostnameVerifier),
                List.of(new BasicAuthenticationInterceptor(credentials.username(), credentials.password(),
                        StandardCharsets.UTF_8)));
    }
}
