package com.smartlinkauto.discovery.security;

import java.util.List;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** HTTP Basic logins against {@link RegistryCredentials}: a service becomes {@code ROLE_SERVICE}, the dashboard user {@code ROLE_OPERATOR}. */
final class RegistryAuthenticationProvider implements AuthenticationProvider {

    private final RegistryCredentials credentials;

    RegistryAuthenticationProvider(RegistryCredentials credentials) {
        this.credentials = credentials;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String name = authentication.getName();
        Object presented = authentication.getCredentials();
        String role = credentials.check(name, presented == null ? null : presented.toString())
                .orElseThrow(() -> new BadCredentialsException("Bad credentials"));
        return UsernamePasswordAuthenticationToken.authenticated(name, null,
                List.of(new SimpleGrantedAuthority("ROLE_" + role)));
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
