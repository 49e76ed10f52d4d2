package com.smartlinkauto.servicedefaults.security;

import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;

/**
 * How every SmartLink service reads user-service's access tokens: {@code sub} (a user id) is the
 * principal, the {@code roles} claim becomes {@code ROLE_*} authorities, and issuer plus expiry are
 * checked.
 */
public final class SmartlinkJwt {

    public static final String ROLES_CLAIM = "roles";

    private SmartlinkJwt() {
    }

    public static JwtAuthenticationConverter authenticationConverter() {
        JwtGrantedAuthoritiesConverter authorities = new JwtGrantedAuthoritiesConverter();
        authorities.setAuthoritiesClaimName(ROLES_CLAIM);
        authorities.setAuthorityPrefix("ROLE_");
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(authorities);
        converter.setPrincipalClaimName(JwtClaimNames.SUB);
        return converter;
    }

    /** Expiry and not-before (default skew), the issuer, and a {@code sub} that is a UUID. */
    public static OAuth2TokenValidator<Jwt> validator(String issuer) {
        return new DelegatingOAuth2TokenValidator<>(JwtValidators.createDefaultWithIssuer(issuer),
                new JwtClaimValidator<Object>(JwtClaimNames.SUB, sub -> sub instanceof String s && isUuid(s)));
    }

    static boolean isUuid(String value) {
        try {
            return value.length() == 36 && java.util.UUID.fromString(value) != null;
        }
        catch (IllegalArgumentException ex) {
            return false;
        }
    }
}
