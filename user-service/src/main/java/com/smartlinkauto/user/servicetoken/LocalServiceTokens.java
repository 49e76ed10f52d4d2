package com.smartlinkauto.user.servicetoken;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import com.smartlinkauto.servicedefaults.servicetoken.ServiceTokenException;
import com.smartlinkauto.servicedefaults.servicetoken.ServiceTokens;

/**
 * user-service's own service tokens (for its calls to the storage controller): minted here with the same issuer
 * and grants as {@code POST /oauth2/token}, without an HTTP round trip to itself, and kept per audience until a
 * minute before they expire. Being a {@link ServiceTokens} bean, it replaces service-defaults' OAuth2 client.
 */
@Component
class LocalServiceTokens implements ServiceTokens {

    private static final Duration REFRESH_BEFORE = Duration.ofSeconds(60);

    private final ServiceTokenIssuer issuer;
    private final ServiceClients clients;
    private final String clientId;
    private final Clock clock;
    private final Map<String, ServiceTokenIssuer.Issued> cache = new ConcurrentHashMap<>();

    LocalServiceTokens(ServiceTokenIssuer issuer, ServiceClients clients, Environment environment, Clock clock) {
        this.issuer = issuer;
        this.clients = clients;
        this.clientId = environment.getRequiredProperty("spring.application.name");
        this.clock = clock;
    }

    @Override
    public String token(String audience) {
        if (!clients.mayCall(clientId, audience)) {
            throw new ServiceTokenException(clientId + " may not ask for tokens to " + audience);
        }
        ServiceTokenIssuer.Issued token = cache.compute(audience, (key, cached) ->
                cached != null && cached.expiresAt().minus(REFRESH_BEFORE).isAfter(clock.instant()) ? cached
                        : issuer.issue(clientId, key));
        return token.value();
    }

    @Override
    public void invalidate(String audience) {
        cache.remove(audience);
    }
}
