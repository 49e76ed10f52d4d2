package com.smartlinkauto.user.security;

import java.util.UUID;

import org.springframework.security.oauth2.jwt.Jwt;

/** The authenticated caller, from the access token this service issued. */
public final class CurrentUser {

    private CurrentUser() {
    }

    public static UUID id(Jwt jwt) {
        return UUID.fromString(jwt.getSubject());
    }
}
