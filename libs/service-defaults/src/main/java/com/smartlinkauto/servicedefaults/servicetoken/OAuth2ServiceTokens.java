package com.smartlinkauto.servicedefaults.servicetoken;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.converter.FormHttpMessageConverter;
import org.springframework.security.oauth2.client.AuthorizedClientServiceOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.ClientCredentialsOAuth2AuthorizedClientProvider;
import org.springframework.security.oauth2.client.InMemoryOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.endpoint.OAuth2ClientCredentialsGrantRequest;
import org.springframework.security.oauth2.client.endpoint.RestClientClientCredentialsTokenResponseClient;
import org.springframework.security.oauth2.client.http.OAuth2ErrorResponseErrorHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.oauth2.core.http.converter.OAuth2AccessTokenResponseHttpMessageConverter;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * {@link ServiceTokens} from user-service's token endpoint, with Spring Security's OAuth2 client: one client
 * registration per audience (registration id = audience; client id and secret = this service's, sent as HTTP
 * Basic; grant {@code client_credentials}; scope {@value ServiceTokens#SCOPE}), the token request carrying the
 * extra {@code audience} parameter, and an {@link OAuth2AuthorizedClientService} that keeps each audience's
 * token until it is within {@code refreshBefore} of its expiry. Concurrent callers of one audience wait for
 * one token request instead of each sending their own.
 */
public class OAuth2ServiceTokens implements ServiceTokens {

    private static final Logger log = LoggerFactory.getLogger(OAuth2ServiceTokens.class);

    /** A service id: what an audience can be. */
    static final Pattern AUDIENCE = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

    private final String clientId;
    private final String clientSecret;
    private final URI tokenUri;
    private final Map<String, ClientRegistration> registrations = new ConcurrentHashMap<>();
    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();
    private final OAuth2AuthorizedClientService authorizedClients;
    private final AuthorizedClientServiceOAuth2AuthorizedClientManager manager;

    /**
     * @param tokenClient a RestClient for the token endpoint (timeouts, discovery); the OAuth2 message converters
     *                    and error handler are added here
     */
    public OAuth2ServiceTokens(String clientId, String clientSecret, URI tokenUri, RestClient.Builder tokenClient,
            Duration refreshBefore, Clock clock) {
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.tokenUri = tokenUri;
        ClientRegistrationRepository repository = this::registration;
        this.authorizedClients = new InMemoryOAuth2AuthorizedClientService(repository);

        RestClientClientCredentialsTokenResponseClient responseClient = new RestClientClientCredentialsTokenResponseClient();
        responseClient.setRestClient(tokenClient
                .configureMessageConverters(converters -> converters.addCustomConverter(new FormHttpMessageConverter())
                        .addCustomConverter(new OAuth2AccessTokenResponseHttpMessageConverter()))
                .defaultStatusHandler(new OAuth2ErrorResponseErrorHandler())
                .build());
        responseClient.addParametersConverter(OAuth2ServiceTokens::audienceParameter);

        ClientCredentialsOAuth2AuthorizedClientProvider provider = new ClientCredentialsOAuth2AuthorizedClientProvider();
        provider.setAccessTokenResponseClient(responseClient);
        provider.setClockSkew(refreshBefore);
        provider.setClock(clock);
        this.manager = new AuthorizedClientServiceOAuth2AuthorizedClientManager(repository, authorizedClients);
        this.manager.setAuthorizedClientProvider(provider);
    }

    private static MultiValueMap<String, String> audienceParameter(OAuth2ClientCredentialsGrantRequest grant) {
        MultiValueMap<String, String> parameters = new LinkedMultiValueMap<>();
        parameters.add("audience", grant.getClientRegistration().getRegistrationId());
        return parameters;
    }

    private ClientRegistration registration(String audience) {
        if (audience == null || !AUDIENCE.matcher(audience).matches()) {
            return null;
        }
        return registrations.computeIfAbsent(audience, id -> ClientRegistration.withRegistrationId(id)
                .clientId(clientId)
                .clientSecret(clientSecret)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                .scope(SCOPE)
                .tokenUri(tokenUri.toString())
                .build());
    }

    @Override
    public String token(String audience) {
        if (clientSecret == null) {
            throw new ServiceTokenException("This service has no client secret (SMARTLINK_SERVICE_SECRET is not set)");
        }
        if (registration(audience) == null) {
            throw new IllegalArgumentException("Not a service id: " + audience);
        }
        ReentrantLock lock = locks.computeIfAbsent(audience, id -> new ReentrantLock());
        lock.lock();
        try {
            OAuth2AuthorizedClient client = manager.authorize(
                    OAuth2AuthorizeRequest.withClientRegistrationId(audience).principal(clientId).build());
            if (client == null || client.getAccessToken() == null) {
                throw new ServiceTokenException("The token endpoint " + tokenUri + " issued no token for " + audience);
            }
            return client.getAccessToken().getTokenValue();
        }
        catch (OAuth2AuthorizationException ex) {
            // a refusal (invalid_client, invalid_target) or an unreachable endpoint (invalid_token_response):
            // the caller decides how loudly to report it
            log.debug("No token for {} to {} from {}: {}", clientId, audience, tokenUri, ex.getMessage());
            throw new ServiceTokenException("No token for " + audience + " from " + tokenUri + ": " + ex.getMessage(),
                    ex);
        }
        catch (RestClientException | IllegalStateException ex) {
            throw new ServiceTokenException("No token for " + audience + " from " + tokenUri + ": " + ex.getMessage(),
                    ex);
        }
        finally {
            lock.unlock();
        }
    }

    @Override
    public void invalidate(String audience) {
        if (audience != null && registrations.containsKey(audience)) {
            authorizedClients.removeAuthorizedClient(audience, clientId);
        }
    }

    @Override
    public String toString() {
        return "OAuth2ServiceTokens[" + clientId + " via " + tokenUri + "]";
    }
}
