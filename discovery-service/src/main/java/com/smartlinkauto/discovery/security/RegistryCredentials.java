package com.smartlinkauto.discovery.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The registry's logins: one per service client ({@link #SERVICE}) and the dashboard's ({@link #OPERATOR}).
 * Only SHA-256 digests of the secrets are kept; a check hashes the presented password and compares the
 * digests with {@link MessageDigest#isEqual} (constant time, and the same work for an unknown name), so the
 * answer time tells nothing about the secret or whether the name exists.
 */
public final class RegistryCredentials {

    public static final String SERVICE = "SERVICE";
    public static final String OPERATOR = "OPERATOR";

    private static final byte[] UNKNOWN = sha256("no such login: compare against something anyway");

    private record Login(byte[] digest, String role) {
    }

    private final Map<String, Login> logins;

    private RegistryCredentials(Map<String, Login> logins) {
        this.logins = Collections.unmodifiableMap(logins);
    }

    /**
     * Parses {@code name=secret,...} (blanks around entries ignored). A malformed list stops the start-up
     * with a message that names the position, never a secret.
     */
    public static RegistryCredentials from(DiscoverySecurityProperties properties) {
        Map<String, Login> logins = new LinkedHashMap<>();
        String[] entries = properties.serviceClients().split(",");
        for (int i = 0; i < entries.length; i++) {
            String entry = entries[i].trim();
            if (entry.isEmpty()) {
                continue;
            }
            int eq = entry.indexOf('=');
            String name = eq < 0 ? entry : entry.substring(0, eq).trim();
            String secret = eq < 0 ? "" : entry.substring(eq + 1).trim();
            if (name.isEmpty() || secret.isEmpty()) {
                throw new IllegalStateException("smartlink.discovery.service-clients (SMARTLINK_SERVICE_CLIENTS): entry "
                        + (i + 1) + " is not name=secret");
            }
            if (logins.put(name, new Login(sha256(secret), SERVICE)) != null) {
                throw new IllegalStateException("smartlink.discovery.service-clients (SMARTLINK_SERVICE_CLIENTS): "
                        + "service '" + name + "' is listed twice");
            }
        }
        DiscoverySecurityProperties.Dashboard dashboard = properties.dashboard();
        if (!dashboard.password().isEmpty()) {
            if (logins.containsKey(dashboard.username())) {
                throw new IllegalStateException("the dashboard user '" + dashboard.username()
                        + "' has the name of a service client: choose another smartlink.discovery.dashboard.username");
            }
            logins.put(dashboard.username(), new Login(sha256(dashboard.password()), OPERATOR));
        }
        return new RegistryCredentials(logins);
    }

    /** The role of {@code name} when {@code password} is its secret. */
    public Optional<String> check(String name, String password) {
        Login login = name == null ? null : logins.get(name);
        boolean equal = MessageDigest.isEqual(login == null ? UNKNOWN : login.digest(),
                sha256(password == null ? "" : password));
        return login != null && equal ? Optional.of(login.role()) : Optional.empty();
    }

    /** Names of the service clients (for the start-up log: names only). */
    public Set<String> serviceNames() {
        Map<String, Login> services = new LinkedHashMap<>(logins);
        services.values().removeIf(login -> !SERVICE.equals(login.role()));
        return services.keySet();
    }

    public boolean hasOperator() {
        return logins.values().stream().anyMatch(login -> OPERATOR.equals(login.role()));
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
