package com.smartlinkauto.e2e.fuzz;

import java.util.ArrayList;
import java.util.List;

import com.smartlinkauto.e2e.fuzz.AccessPolicy.Access;
import com.smartlinkauto.e2e.fuzz.AccessPolicy.Role;
import com.smartlinkauto.e2e.fuzz.Fixtures.Identity;
import com.smartlinkauto.e2e.fuzz.Malformed.Value;
import com.smartlinkauto.e2e.fuzz.Planner.Probe;

/**
 * Requests aimed at the gateway's own path handling rather than at one operation: traversal with
 * {@code ..;}, encoded dots and slashes, doubled slashes and case tricks towards admin, internal and
 * actuator paths (from public prefixes too), forged and mangled tokens, odd methods and request targets.
 * None may reach what the role could not reach with a clean path, and every error must be problem+json.
 */
final class GatewayTricks {

    private record Trick(String method, String target, Access access, String label, String[] headers) {
    }

    private GatewayTricks() {
    }

    static List<Probe> probes(Fixtures fixtures) {
        String vehicle = fixtures.values.getOrDefault("vehicle.private", "00000000-0000-0000-0000-000000000001");
        String file = fixtures.values.getOrDefault("file", "00000000-0000-0000-0000-000000000001");
        List<Trick> tricks = new ArrayList<>();
        // towards the admin API
        for (String target : List.of("/api/users/..;/admin/users", "/api/users/..%3b/admin/users", "/api/%2e%2e/admin/users",
                "/api/users/%2e%2e/admin/users", "/api/users/me/..%2f..%2fadmin%2fusers", "///api/admin/users",
                "/api//admin/users", "/api/admin/users/", "/API/ADMIN/USERS", "/api/Admin/users", "/api/admin/users;x=y",
                "/api/admin%2fusers", "/api%2fadmin%2fusers", "/api/vehicles/..%2f..%2fadmin%2fusers",
                "/api/vehicles/%2e%2e/%2e%2e/api/admin/users", "/api/vehicles/..;/..;/api/admin/users",
                "/api/vehicles/%252e%252e/%252e%252e/api/admin/users", "/.well-known/..;/api/admin/users",
                "/.well-known/jwks.json/..;/..;/api/admin/users", "/api/auth/login/..;/..;/admin/users",
                "/api/vehicles/..\\..\\api\\admin\\users", "/api/vehicles/%5c..%5c..%5capi%5cadmin%5cusers",
                "/api/admin/users%00", "/api/admin/users%0d%0aX-Injected:%201", "/api/./admin/./users",
                "/api/vehicles/./../admin/users", "/api/storage/..;/admin/users", "/api/admin/%75sers")) {
            tricks.add(new Trick("GET", target, Access.ADMIN, "path trick", null));
        }
        tricks.add(new Trick("POST", "/api/auth/..;/admin/keys/rotate", Access.ADMIN, "path trick", null));
        tricks.add(new Trick("POST", "/api/partners/..;/admin/keys/rotate", Access.ADMIN, "path trick", null));
        // towards the storage API (admin) from the public catalogue
        for (String target : List.of("/api/vehicles/..;/..;/api/storage/files/" + file,
                "/api/vehicles/%2e%2e/%2e%2e/api/storage/files/" + file, "/api/vehicles/..%2f..%2fstorage%2ffiles%2f" + file,
                "//api/storage/files/" + file, "/api/storage/files/" + file + "/..;/..;/nodes")) {
            tricks.add(new Trick("GET", target, Access.ADMIN, "path trick", null));
        }
        // towards the internal plane (never routed, whoever asks)
        for (String target : List.of("/internal/vehicles/" + vehicle, "/internal/storage/files/" + file,
                "/%69nternal/storage/files/" + file, "/INTERNAL/storage/files/" + file, "//internal/storage/files/" + file,
                "/api/../internal/storage/files/" + file, "/api/%2e%2e/internal/storage/files/" + file,
                "/api/storage/..;/..;/internal/storage/files/" + file, "/api/vehicles/..;/..;/internal/vehicles/" + vehicle,
                "/api/vehicles/%2e%2e/%2e%2e/internal/vehicles/" + vehicle,
                "/api/vehicles/..%2f..%2finternal%2fvehicles%2f" + vehicle,
                "/api/vehicles/%252e%252e/%252e%252e/internal/vehicles/" + vehicle, "/api/vehicles/" + vehicle + "/..;/..;/..;/internal/vehicles/" + vehicle,
                "/.well-known/..;/internal/storage/files/" + file, "/internal/storage/nodes/node-1/heartbeat")) {
            tricks.add(new Trick("GET", target, Access.NOT_ROUTED, "internal path", null));
        }
        tricks.add(new Trick("POST", "/internal/storage/nodes/" + Fixtures.NO_SUCH_NODE + "/heartbeat", Access.NOT_ROUTED,
                "internal path", new String[] { "Content-Type", "application/json" }));
        tricks.add(new Trick("DELETE", "/api/vehicles/..;/..;/internal/storage/files/" + file, Access.NOT_ROUTED, "internal path", null));
        // actuator through the gateway: health and info are public, nothing else is
        for (String target : List.of("/actuator/prometheus", "/actuator/env", "/actuator/heapdump", "/actuator/gateway/routes",
                "/api/vehicles/..;/..;/actuator/env", "/api/vehicles/%2e%2e/%2e%2e/actuator/env",
                "/api/vehicles/..;/..;/actuator/heapdump", "/actuator/health/..;/env", "/actuator;/env")) {
            tricks.add(new Trick("GET", target, Access.ADMIN, "actuator", null));
        }
        // malformed targets
        for (String target : List.of("/%00", "/api/%", "/api/vehicles/%zz", "/api/vehicles/%C3%28", "/api/vehicles/çé🚗",
                "/api/vehicles/" + "a".repeat(10_000), "/api/vehicles?" + "a=1&".repeat(5_000), "/api/vehicles?%=%",
                "/api/vehicles?city=%ED%A0%80", "/api/vehicles/%u002e%u002e/admin")) {
            tricks.add(new Trick("GET", target, Access.PUBLIC, "malformed target", null));
        }
        tricks.add(new Trick("GET", "http://evil.example/api/admin/users", Access.ADMIN, "absolute-form target", null));
        tricks.add(new Trick("OPTIONS", "*", Access.PUBLIC, "asterisk-form target", null));
        // methods
        tricks.add(new Trick("TRACE", "/api/users/me", Access.ADMIN, "method TRACE", null));
        tricks.add(new Trick("FUZZ", "/api/vehicles", Access.ADMIN, "unknown method", null));
        tricks.add(new Trick("PROPFIND", "/api/admin/users", Access.ADMIN, "WebDAV method", null));
        tricks.add(new Trick("GET", "/api/admin/users", Access.ADMIN, "X-HTTP-Method-Override",
                new String[] { "X-HTTP-Method-Override", "DELETE" }));
        // forged and mangled tokens (sent by anonymous: the forged header is the only credential)
        String none = "eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.eyJpc3MiOiJzbWFydGxpbmstdXNlci1zZXJ2aWNlIiwic3ViIjoiMDAwMDAwMDAtMDAwMC0wMDAwLTAwMDAtMDAwMDAwMDAwMDAxIiwicm9sZXMiOlsiQURNSU4iXSwiZXhwIjo0MTAyNDQ0ODAwfQ.";
        String renter = fixtures.identity(Role.RENTER).accessToken();
        for (String[] header : List.of(new String[] { "Authorization", "Bearer " + none },
                new String[] { "Authorization", "Bearer " + renter.substring(0, renter.lastIndexOf('.') + 1) + "AAAA" },
                new String[] { "Authorization", "Bearer " + renter.replaceFirst("\\.", ".x") },
                new String[] { "Authorization", "Bearer" }, new String[] { "Authorization", "Bearer " + "A".repeat(7_000) },
                new String[] { "Authorization", "Bearer \u0001\u0002" }, new String[] { "Authorization", "Basic YWRtaW46YWRtaW4=" },
                new String[] { "Authorization", "Bearer ../../../etc/passwd" },
                new String[] { "Authorization", "Bearer \u202e" + renter })) {
            tricks.add(new Trick("GET", "/api/admin/users", Access.ADMIN, "token " + summary(header[1]), header));
            tricks.add(new Trick("GET", "/api/users/me", Access.SIGNED_IN, "token " + summary(header[1]), header));
        }
        // header oddities
        for (String[] header : List.of(new String[] { "X-Request-Id", "\u202e" + "x".repeat(300) },
                new String[] { "X-Request-Id", "fuzz\u0000id" }, new String[] { "X-Forwarded-For", "127.0.0.1, ::1, 999.1.1.1" },
                new String[] { "X-Forwarded-Prefix", "/api/admin" }, new String[] { "Forwarded", "for=\"[::1]\";host=evil" },
                new String[] { "Host", "evil.example" }, new String[] { "Content-Length", "-1" },
                new String[] { "Transfer-Encoding", "chunked, identity" }, new String[] { "X-Fuzz", "\u0000" },
                new String[] { "X-Fuzz", "a".repeat(20_000) })) {
            tricks.add(new Trick("GET", "/api/vehicles", Access.PUBLIC, "header " + header[0] + ": " + summary(header[1]), header));
        }
        List<Probe> probes = new ArrayList<>();
        for (Trick trick : tricks) {
            for (Role role : List.of(Role.ANONYMOUS, Role.RENTER, Role.PARTNER_PENDING, Role.ADMIN)) {
                boolean forged = trick.headers() != null && trick.headers()[0].equals("Authorization");
                // the key rotation itself is sent once, by the planner; an admin's trick must not rotate again
                if ((forged && role != Role.ANONYMOUS) || (trick.target().contains("keys/rotate") && role == Role.ADMIN)) {
                    continue;
                }
                Identity identity = fixtures.identity(role);
                probes.add(new Probe("gateway", trick.method() + " " + abridge(trick.target()), null, trick.access(), role, identity,
                        trick.label(), Value.url("path-trick", trick.label(), trick.target()), trick.label(), false, 1, false,
                        () -> {
                            List<String[]> headers = new ArrayList<>();
                            if (identity.accessToken() != null) {
                                headers.add(new String[] { "Authorization", "Bearer " + identity.accessToken() });
                            }
                            if (trick.headers() != null) {
                                headers.add(trick.headers());
                            }
                            byte[] body = trick.method().equals("POST") ? "{}".getBytes() : null;
                            return new RawHttp.Request(trick.method(), trick.target(), headers, body);
                        }));
            }
        }
        return probes;
    }

    private static String summary(String value) {
        return value.length() > 40 ? value.substring(0, 20) + "…(" + value.length() + " chars)" : value;
    }

    /** The service the gateway routes a target's literal prefix to (its routes in config-repo/gateway-service.yml). */
    static String serviceFor(String target) {
        String t = target.toLowerCase(java.util.Locale.ROOT);
        if (t.startsWith("/api/vehicles") || t.startsWith("/api/admin/vehicles") || t.matches("/api/partners/[^/]+/vehicles.*")) {
            return "vehicle-service";
        }
        if (t.startsWith("/api/storage")) {
            return "storage-controller-service";
        }
        if (t.startsWith("/api/auth") || t.startsWith("/api/users") || t.startsWith("/api/partners") || t.startsWith("/api/admin")
                || t.startsWith("/.well-known")) {
            return "user-service";
        }
        return "gateway";
    }

    static String abridge(String target) {
        return target.length() > 120 ? target.substring(0, 100) + "…(" + target.length() + " chars)" : target;
    }
}
