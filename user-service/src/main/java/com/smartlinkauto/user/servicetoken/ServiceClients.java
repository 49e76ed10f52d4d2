package com.smartlinkauto.user.servicetoken;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The registered service clients: their secrets (held as SHA-256 digests, compared in constant time) and the
 * audiences each may ask for. A client id is a service id ({@code spring.application.name}).
 */
@Component
public class ServiceClients {

    private static final Logger log = LoggerFactory.getLogger(ServiceClients.class);

    /** What a client id or an audience can be: a service id. */
    public static final Pattern SERVICE_ID = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

    /** Compared against when the client is unknown, so that unknown and known clients take the same time. */
    private static final byte[] NOBODY = sha256("\u0000no client\u0000");

    private final Map<String, byte[]> secrets;
    private final Map<String, List<String>> grants;

    ServiceClients(ServiceClientProperties properties) {
        this.secrets = parse(properties.secrets());
        this.grants = properties.grants();
        if (secrets.isEmpty()) {
            log.warn("No service clients (SMARTLINK_SERVICE_CLIENTS is empty): every token request will be refused");
        }
        else {
            log.info("Service clients: {}; grants: {}", secrets.keySet().stream().sorted().toList(), grants);
        }
    }

    /** {@code name=secret,name=secret}; malformed entries are skipped with a warning naming only the position. */
    static Map<String, byte[]> parse(String value) {
        Map<String, byte[]> parsed = new HashMap<>();
        if (value == null || value.isBlank()) {
            return Map.of();
        }
        String[] entries = value.split(",");
        for (int i = 0; i < entries.length; i++) {
            String entry = entries[i].strip();
            int eq = entry.indexOf('=');
            String name = eq < 0 ? "" : entry.substring(0, eq).strip();
            String secret = eq < 0 ? "" : entry.substring(eq + 1).strip();
            if (!SERVICE_ID.matcher(name).matches() || secret.length() < 16) {
                log.warn("SMARTLINK_SERVICE_CLIENTS entry {} is not name=secret (a service id, a secret of at least "
                        + "16 characters): ignored", i + 1);
                continue;
            }
            parsed.put(name, sha256(secret));
        }
        return Map.copyOf(parsed);
    }

    /** The client id when {@code secret} is its secret; the comparison takes the same time whatever fails. */
    public Optional<String> authenticate(String clientId, String secret) {
        byte[] expected = clientId == null ? null : secrets.get(clientId);
        byte[] presented = sha256(secret == null ? "" : secret);
        boolean matches = MessageDigest.isEqual(expected == null ? NOBODY : expected, presented);
        return matches && expected != null ? Optional.of(clientId) : Optional.empty();
    }

    public boolean known(String clientId) {
        return clientId != null && secrets.containsKey(clientId);
    }

    /** Whether {@code clientId} may ask for tokens to {@code audience}. */
    public boolean mayCall(String clientId, String audience) {
        return grants.getOrDefault(clientId, List.of()).contains(audience);
    }

    static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
