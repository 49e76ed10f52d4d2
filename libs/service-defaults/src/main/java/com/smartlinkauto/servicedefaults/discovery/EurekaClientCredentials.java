package com.smartlinkauto.servicedefaults.discovery;

import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * Who this service is to the registry: its {@code spring.application.name} and its service secret
 * ({@code SMARTLINK_SERVICE_SECRET}, handed to every service but discovery by the runner, compose and
 * Kubernetes). Properties {@code smartlink.discovery.client.username} / {@code .password} override both.
 * {@link #toString()} never shows the secret.
 */
public record EurekaClientCredentials(String username, String password) {

    static final String USERNAME = "smartlink.discovery.client.username";
    static final String PASSWORD = "smartlink.discovery.client.password";
    static final String SERVICE_SECRET = "SMARTLINK_SERVICE_SECRET";

    static EurekaClientCredentials from(Environment environment) {
        String username = environment.getProperty(USERNAME, environment.getProperty("spring.application.name", ""));
        String password = environment.getProperty(PASSWORD, environment.getProperty(SERVICE_SECRET, ""));
        return new EurekaClientCredentials(username.trim(), password.trim());
    }

    /** Both parts are there: the client authenticates. */
    public boolean present() {
        return StringUtils.hasText(username) && StringUtils.hasText(password);
    }

    @Override
    public String toString() {
        return "EurekaClientCredentials[username=" + username + ", password=" + (present() ? "(set)" : "(none)") + "]";
    }
}
