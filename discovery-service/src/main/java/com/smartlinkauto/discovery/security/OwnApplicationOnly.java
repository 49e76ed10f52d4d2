package com.smartlinkauto.discovery.security;

import java.util.function.Supplier;

import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/**
 * A write under {@code /eureka/apps/{app}/**} (register, renew, cancel, status and metadata changes) is
 * allowed only to a service client whose name is {@code app}, ignoring case (Eureka upper-cases
 * application names): {@code gateway-service} cannot register, renew or take down {@code USER-SERVICE}
 * instances. Eureka itself refuses a registration whose body names another application than the path
 * (400 "Mismatched appName"), so the path is what counts.
 */
final class OwnApplicationOnly implements AuthorizationManager<RequestAuthorizationContext> {

    static final String APP = "app";

    @Override
    public AuthorizationResult authorize(Supplier<? extends Authentication> authentication,
            RequestAuthorizationContext context) {
        Authentication who = authentication.get();
        if (who == null || !who.isAuthenticated()) {
            return new AuthorizationDecision(false);
        }
        boolean service = who.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .anyMatch(("ROLE_" + RegistryCredentials.SERVICE)::equals);
        String app = context.getVariables().get(APP);
        return new AuthorizationDecision(service && app != null && app.equalsIgnoreCase(who.getName()));
    }
}
