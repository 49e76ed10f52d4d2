package com.smartlinkauto.discovery.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Who may talk to the registry.
 *
 * @param serviceClients every service's credential, {@code name=secret,name=secret,...}
 *        ({@code SMARTLINK_SERVICE_CLIENTS}, from the runner, compose or the Kubernetes Secret); the name is
 *        the service's {@code spring.application.name}, the secret its {@code SMARTLINK_SERVICE_SECRET}
 * @param dashboard the one human login: read-only (dashboard, registry reads, actuator)
 */
@ConfigurationProperties("smartlink.discovery")
public record DiscoverySecurityProperties(String serviceClients, Dashboard dashboard) {

    public DiscoverySecurityProperties {
        serviceClients = serviceClients == null ? "" : serviceClients;
        dashboard = dashboard == null ? new Dashboard(null, null) : dashboard;
    }

    /**
     * @param username the dashboard's user name ({@code dashboard} unless set)
     * @param password {@code SMARTLINK_DISCOVERY_DASHBOARD_PASSWORD}; none: the dashboard refuses everyone
     */
    public record Dashboard(String username, String password) {

        public Dashboard {
            username = username == null || username.isBlank() ? "dashboard" : username.trim();
            password = password == null ? "" : password.trim();
        }

        @Override
        public String toString() {
            return "Dashboard[username=" + username + ", password=" + (password.isEmpty() ? "(none)" : "(set)") + "]";
        }
    }

    @Override
    public String toString() {
        return "DiscoverySecurityProperties[serviceClients=(" + (serviceClients.isBlank() ? "none" : "set")
                + "), dashboard=" + dashboard + "]";
    }
}
