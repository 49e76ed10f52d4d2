package com.smartlinkauto.servicedefaults.servicetoken;

import java.io.IOException;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;

/**
 * Sends {@code Authorization: Bearer <service token for the audience>} with every request; a 401 answer drops
 * the cached token, so the next request fetches a new one. A {@link ServiceTokenException} (no token to be
 * had) is reported as an {@link IOException}: to the caller the called service is unreachable.
 */
public class ServiceTokenInterceptor implements ClientHttpRequestInterceptor {

    private final ServiceTokens tokens;
    private final String audience;

    public ServiceTokenInterceptor(ServiceTokens tokens, String audience) {
        this.tokens = tokens;
        this.audience = audience;
    }

    @Override
    public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
            throws IOException {
        String token;
        try {
            token = tokens.token(audience);
        }
        catch (ServiceTokenException ex) {
            throw new IOException("No service token for " + audience + ": " + ex.getMessage(), ex);
        }
        request.getHeaders().set(HttpHeaders.AUTHORIZATION, ServiceTokens.BEARER + token);
        ClientHttpResponse response = execution.execute(request, body);
        if (response.getStatusCode().value() == HttpStatus.UNAUTHORIZED.value()) {
            tokens.invalidate(audience);
        }
        return response;
    }
}
