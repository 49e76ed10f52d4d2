package com.smartlinkauto.user.admin;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The bootstrap admin ({@code SMARTLINK_ADMIN_EMAIL}, {@code SMARTLINK_ADMIN_PASSWORD}). Both or neither.
 */
@ConfigurationProperties("smartlink.admin")
public record AdminProperties(String email, String password) {

    boolean configured() {
        return email != null && !email.isBlank() && password != null && !password.isEmpty();
    }

    boolean partlyConfigured() {
        return !configured() && ((email != null && !email.isBlank()) || (password != null && !password.isEmpty()));
    }

    @Override
    public String toString() {
        return "AdminProperties[email=" + email + "]";
    }
}
