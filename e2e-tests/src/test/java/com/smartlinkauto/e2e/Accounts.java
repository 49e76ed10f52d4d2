package com.smartlinkauto.e2e;

import static com.smartlinkauto.e2e.Platform.gateway;
import static com.smartlinkauto.e2e.Platform.json;
import static com.smartlinkauto.e2e.Platform.send;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.JsonNode;

/** Sign-up and login through the gateway, as a client does it. */
public final class Accounts {

    private Accounts() {
    }

    public record Account(String id, String email, String password, String accessToken) {
        public HttpRequest.Builder as(HttpRequest.Builder request) {
            return request.header("Authorization", "Bearer " + accessToken);
        }
    }

    public static String uniqueEmail(String kind) {
        return "e2e-" + kind + "-" + UUID.randomUUID().toString().substring(0, 12) + "@smartlink-e2e.example";
    }

    public static HttpRequest.Builder postJson(String path, String body) {
        return gateway(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    public static String signUpBody(String email, String password) {
        return """
                {"email":"%s","password":"%s","firstName":"Eve","lastName":"Tester","phoneNumber":"+4915112345678"}
                """.formatted(email, password);
    }

    /**
     * A sign-up from 127.0.0.1. Sign-ups are limited per client address (10 per hour by default), so tests
     * that create accounts use {@link #newAccount}, which signs up from a loopback address of its own.
     */
    public static HttpResponse<String> signUp(String path, String email, String password) {
        return send(postJson(path, signUpBody(email, password)));
    }

    public static String login(String email, String password) {
        HttpResponse<String> response = send(postJson("/api/auth/login",
                "{\"email\":\"%s\",\"password\":\"%s\"}".formatted(email, password)));
        assertThat(response.statusCode()).as("login of %s: %s", email, response.body()).isEqualTo(200);
        JsonNode tokens = json(response);
        assertThat(tokens.path("tokenType").asString()).isEqualToIgnoringCase("Bearer");
        return tokens.path("accessToken").asString();
    }

    /**
     * A new account of the kind the path creates ({@code /api/auth/register} renter, {@code /api/partners}
     * partner), signed up like a person on a device of their own: from a random loopback address, so the
     * suite's sign-ups do not add up in one address's sign-up budget.
     */
    public static Account newAccount(String path, String kind) {
        String email = uniqueEmail(kind);
        String password = "Correct-Horse-" + UUID.randomUUID().toString().substring(0, 8);
        LoopbackClient.Response created = LoopbackClient.anywhere().postJson(path, signUpBody(email, password));
        assertThat(created.status()).as("sign-up: %s", created.body()).isEqualTo(201);
        return new Account(created.json().path("id").asString(), email, password, login(email, password));
    }

    /** The admin sets a partner's verification ({@code VERIFIED}, or {@code REJECTED} with a reason). */
    public static void setPartnerVerification(Account admin, String partnerId, String status, String reason) {
        String body = reason == null ? "{\"status\":\"%s\"}".formatted(status)
                : "{\"status\":\"%s\",\"reason\":\"%s\"}".formatted(status, reason);
        HttpResponse<String> response = send(admin.as(gateway("/api/admin/partners/" + partnerId + "/verification"))
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(body)));
        assertThat(response.statusCode()).as("verification of partner %s: %s", partnerId, response.body())
                .isEqualTo(200);
    }

    /**
     * The bootstrapped admin: {@code SMARTLINK_ADMIN_EMAIL}/{@code SMARTLINK_ADMIN_PASSWORD} in the environment
     * (how {@code ./smartlink test} hands over an admin it got from its own environment: never as {@code -D}
     * arguments, which {@code ps} shows), {@code smartlink.admin.email}/{@code .password} system properties, or
     * the {@code .smartlink/admin.txt} the runner wrote when it generated the admin's password.
     */
    public static Account admin() {
        String email = System.getenv("SMARTLINK_ADMIN_EMAIL");
        String password = System.getenv("SMARTLINK_ADMIN_PASSWORD");
        if (email == null || email.isBlank() || password == null || password.isBlank()) {
            email = System.getProperty("smartlink.admin.email");
            password = System.getProperty("smartlink.admin.password");
        }
        if (email == null || password == null) {
            Map<String, String> file = adminFile();
            email = file.get("email");
            password = file.get("password");
        }
        assertThat(email).as("admin e-mail (.smartlink/admin.txt)").isNotBlank();
        return new Account(null, email, password, login(email, password));
    }

    private static Map<String, String> adminFile() {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        while (dir != null) {
            Path file = dir.resolve(".smartlink/admin.txt");
            if (Files.isReadable(file)) {
                try {
                    var values = new java.util.HashMap<String, String>();
                    for (String line : Files.readAllLines(file)) {
                        int eq = line.indexOf('=');
                        if (eq > 0) {
                            values.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
                        }
                    }
                    return values;
                }
                catch (IOException ex) {
                    throw new UncheckedIOException(ex);
                }
            }
            dir = dir.getParent();
        }
        return Map.of();
    }
}
