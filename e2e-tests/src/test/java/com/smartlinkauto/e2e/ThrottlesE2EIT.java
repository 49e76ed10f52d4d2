package com.smartlinkauto.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;

/**
 * Throttles through the gateway, as clients at different addresses see them. Clients are sockets bound to
 * random loopback addresses ({@link LoopbackClient}); the gateway passes each one's address to user-service
 * (X-Forwarded-For: the TCP peer; nothing in front of the gateway locally), so each address has budgets of
 * its own. Only throw-away accounts and unknown e-mails are used: no real account, the admin's included,
 * is ever locked.
 */
class ThrottlesE2EIT {

    private static String login(String email, String password) {
        return "{\"email\":\"%s\",\"password\":\"%s\"}".formatted(email, password);
    }

    private static void assertProblem(LoopbackClient.Response response, int status, String typeSuffix) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(response.json().path("type").asString()).endsWith(typeSuffix);
    }

    @Test
    void twoClientsHaveTwoLoginBuckets() {
        LoopbackClient a = LoopbackClient.anywhere();
        LoopbackClient b = LoopbackClient.anywhere();
        assertThat(a.address()).isNotEqualTo(b.address());

        // B's throw-away account
        String email = Accounts.uniqueEmail("bucket-b");
        String password = "Correct-Horse-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(b.postJson("/api/auth/register", Accounts.signUpBody(email, password)).status()).isEqualTo(201);

        // A spends its address's 20 failures on e-mails nobody has (each account's own budget is 5)
        int failures = 0;
        LoopbackClient.Response last = null;
        for (int i = 0; i < 25; i++) {
            last = a.postJson("/api/auth/login", login(Accounts.uniqueEmail("spray"), "Spray-Attempt-" + i));
            if (last.status() != 401) {
                break;
            }
            failures++;
        }
        assertThat(failures).as("failures before the address is throttled").isEqualTo(20);
        assertProblem(last, 429, "/rate-limited");
        assertThat(Long.parseLong(last.header("Retry-After"))).isPositive();
        // A is throttled even with a right password
        assertProblem(a.postJson("/api/auth/login", login(email, password)), 429, "/rate-limited");

        // B is not: a wrong password is an ordinary 401, the right one signs in
        assertProblem(b.postJson("/api/auth/login", login(email, "Wrong-Password-123")), 401, "/invalid-credentials");
        LoopbackClient.Response signedIn = b.postJson("/api/auth/login", login(email, password));
        assertThat(signedIn.status()).as(signedIn.body()).isEqualTo(200);
        assertThat(signedIn.json().path("accessToken").asString()).isNotBlank();
    }

    @Test
    void aForwardedForAClientSendsDoesNotMoveItIntoAnotherBucket() {
        LoopbackClient a = LoopbackClient.anywhere();
        for (int i = 0; i < 20; i++) {
            a.postJson("/api/auth/login", login(Accounts.uniqueEmail("spray"), "Spray-Attempt-" + i));
        }
        // claiming to be someone else does not help: the gateway drops the header and sends A's own address
        LoopbackClient.Response forged = a.send("POST", "/api/auth/login",
                java.util.Map.of("Content-Type", "application/json", "X-Forwarded-For", "203.0.113.77"),
                login(Accounts.uniqueEmail("spray"), "Spray-Attempt-x"));
        assertProblem(forged, 429, "/rate-limited");
    }

    @Test
    void signUpsAreLimitedPerAddress() {
        LoopbackClient c = LoopbackClient.anywhere();
        for (int i = 0; i < 10; i++) {
            String path = i % 2 == 0 ? "/api/auth/register" : "/api/partners";
            LoopbackClient.Response created = c.postJson(path,
                    Accounts.signUpBody(Accounts.uniqueEmail("budget"), "Correct-Horse-" + UUID.randomUUID().toString().substring(0, 8)));
            assertThat(created.status()).as("sign-up %d: %s", i, created.body()).isEqualTo(201);
        }
        LoopbackClient.Response refused = c.postJson("/api/partners",
                Accounts.signUpBody(Accounts.uniqueEmail("budget"), "Correct-Horse-Over-Budget"));
        assertProblem(refused, 429, "/rate-limited");
        assertThat(Long.parseLong(refused.header("Retry-After"))).isPositive();
        // someone else signs up as usual
        assertThat(LoopbackClient.anywhere().postJson("/api/auth/register",
                Accounts.signUpBody(Accounts.uniqueEmail("budget"), "Correct-Horse-Elsewhere-1")).status()).isEqualTo(201);
    }

    @Test
    void aJsonBodyOverTheGatewaysLimitIs413() {
        String padded = login(Accounts.uniqueEmail("big"), "Some-Password-1").replace("}", " ".repeat(70_000) + "}");
        assertProblem(LoopbackClient.anywhere().postJson("/api/auth/login", padded), 413, "/payload-too-large");
    }
}
