package com.smartlinkauto.servicedefaults.servicetoken;

import org.springframework.http.client.ClientHttpRequestInterceptor;

/**
 * Service credentials, the calling side: an access token for another service of the platform. Tokens are
 * issued by user-service ({@code POST /oauth2/token}, client credentials) for one audience (the called
 * service's id) with scope {@value #SCOPE}, cached per audience and replaced shortly before they expire.
 * <p>
 * {@code RestClient}-based callers add {@link #interceptor(String)}; code that speaks HTTP itself (chunk bytes
 * over {@code HttpURLConnection}) asks {@link #token(String)} per request and sends
 * {@code Authorization: Bearer <token>}, calling {@link #invalidate(String)} when the answer is a 401.
 *
 * @see org.springframework.web.client.RestClient
 */
public interface ServiceTokens {

    /** The one scope service tokens carry. */
    String SCOPE = "internal";

    /** The {@code Authorization} header value prefix. */
    String BEARER = "Bearer ";

    /**
     * A valid token for calls to {@code audience} (cached; fetched when missing or about to expire).
     *
     * @throws ServiceTokenException when no token can be had (user-service unreachable, credentials refused)
     */
    String token(String audience);

    /** Forgets the cached token for {@code audience} (the called service refused it): the next call fetches one. */
    void invalidate(String audience);

    /** {@code Authorization: Bearer …} for every request of a RestClient that calls {@code audience}. */
    default ClientHttpRequestInterceptor interceptor(String audience) {
        return new ServiceTokenInterceptor(this, audience);
    }
}
