package com.smartlinkauto.user.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;

import com.smartlinkauto.user.Api;
import com.smartlinkauto.user.ApiTestSupport;
import com.smartlinkauto.user.UserServiceIT;

import tools.jackson.databind.JsonNode;

/** {@code POST /api/auth/register} and {@code POST /api/partners}: the sign-up rules. */
@UserServiceIT
@ExtendWith(OutputCaptureExtension.class)
class RegistrationIT extends ApiTestSupport {

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void renterSignUpReturnsTheUserWithoutAnySecret(CapturedOutput output) {
        String email = Api.uniqueEmail("Mixed.Case");
        Map<String, Object> body = Api.signUp("  " + email.toUpperCase() + " ");
        body.put("firstName", "  Grace ");
        body.put("lastName", " Hopper  ");
        Api.Response response = api.post("/api/auth/register", body);

        assertThat(response.status()).as(response.body()).isEqualTo(201);
        JsonNode user = response.json();
        assertThat(user.path("id").asString()).matches("[0-9a-f-]{36}");
        assertThat(user.path("email").asString()).isEqualTo(email.toLowerCase());
        assertThat(user.path("firstName").asString()).isEqualTo("Grace");
        assertThat(user.path("lastName").asString()).isEqualTo("Hopper");
        assertThat(user.path("phoneNumber").asString()).isEqualTo("+14155550123");
        assertThat(user.path("roles").toString()).isEqualTo("[\"RENTER\"]");
        assertThat(user.has("verificationStatus")).isFalse();
        assertThat(response.body()).doesNotContainIgnoringCase("password").doesNotContain("$2a$")
                .doesNotContain("{bcrypt}").doesNotContain(Api.PASSWORD);

        String hash = jdbc.queryForObject("select password_hash from users where id = ?::uuid", String.class,
                user.path("id").asString());
        assertThat(hash).startsWith("{bcrypt}$2a$").doesNotContain(Api.PASSWORD);
        assertThat(output.getAll()).doesNotContain(Api.PASSWORD).doesNotContain(hash).doesNotContain("$2a$");
    }

    @Test
    void partnerSignUpStartsPendingAndTheRoleCannotBeChosen() {
        Api.Response partner = api.post("/api/partners", Api.signUp(Api.uniqueEmail("partner")));
        assertThat(partner.status()).isEqualTo(201);
        assertThat(partner.json().path("roles").toString()).isEqualTo("[\"PARTNER\"]");
        assertThat(partner.text("verificationStatus")).isEqualTo("PENDING");

        for (String role : List.of("ADMIN", "PARTNER")) {
            Map<String, Object> body = Api.signUp(Api.uniqueEmail("wants-role"));
            body.put("role", role);
            api.post("/api/auth/register", body).assertProblem(400, "validation");
            Map<String, Object> roles = Api.signUp(Api.uniqueEmail("wants-roles"));
            roles.put("roles", List.of(role));
            Api.Response refused = api.post("/api/partners", roles).assertProblem(400, "validation");
            assertThat(refused.json().path("errors").get(0).path("field").asString()).isEqualTo("roles");
        }
    }

    @Test
    void emailIsUniqueIgnoringCase() {
        String email = Api.uniqueEmail("dup");
        assertThat(api.post("/api/auth/register", Api.signUp(email)).status()).isEqualTo(201);
        api.post("/api/auth/register", Api.signUp(email)).assertProblem(409, "email-taken");
        api.post("/api/partners", Api.signUp(email.toUpperCase())).assertProblem(409, "email-taken");
    }

    @Test
    void concurrentSignUpsWithOneEmailCreateExactlyOneAccount() throws Exception {
        String email = Api.uniqueEmail("race");
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        try {
            for (int i = 0; i < threads; i++) {
                String path = i % 2 == 0 ? "/api/auth/register" : "/api/partners";
                results.add(pool.submit(() -> {
                    start.await();
                    return new Api(port).post(path, Api.signUp(i(email))).status();
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> result : results) {
                statuses.add(result.get());
            }
            assertThat(statuses).containsOnly(201, 409);
            assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
        }
        finally {
            pool.shutdownNow();
        }
        assertThat(jdbc.queryForObject("select count(*) from users where lower(email) = ?", Integer.class,
                email.toLowerCase())).isEqualTo(1);
    }

    /** Case variations of one email, so the race also exercises the case-insensitive index. */
    private static String i(String email) {
        return Math.random() < 0.5 ? email : email.toUpperCase();
    }

    @Test
    void malformedAndMissingBodiesAre400Problems() {
        api.post("/api/auth/register", "{\"email\":").assertProblem(400, "malformed-request");
        api.post("/api/auth/register", "not json at all").assertProblem(400, "malformed-request");
        api.post("/api/auth/register", "[]").assertProblem(400, "malformed-request");
        api.send("POST", "/api/auth/register", null, null, Map.of("Content-Type", "application/json"))
                .assertProblem(400, "malformed-request");

        Api.Response empty = api.post("/api/auth/register", "{}").assertProblem(400, "validation");
        List<String> fields = new ArrayList<>();
        empty.json().path("errors").forEach(error -> fields.add(error.path("field").asString()));
        assertThat(fields).contains("email", "password", "firstName", "lastName", "phoneNumber");
    }

    @Test
    void invalidFieldsAreListedWithoutEchoingValues() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("email", "not-an-email");
        body.put("password", "short");
        body.put("firstName", "x".repeat(101));
        body.put("lastName", "   ");
        body.put("phoneNumber", "0170 1234567");
        Api.Response response = api.post("/api/auth/register", body).assertProblem(400, "validation");
        List<String> fields = new ArrayList<>();
        response.json().path("errors").forEach(error -> fields.add(error.path("field").asString()));
        assertThat(fields).contains("email", "password", "firstName", "lastName", "phoneNumber");
        assertThat(response.body()).doesNotContain("short").doesNotContain("not-an-email");
    }

    @Test
    void emailsPhonesAndNamesAreChecked() {
        for (String email : List.of("plain", "a@b", "two@@example.test", "sp ace@example.test", "@example.test",
                "x".repeat(250) + "@example.test")) {
            api.post("/api/auth/register", with("email", email)).assertProblem(400, "validation");
        }
        for (String phone : List.of("4155550123", "+0155550123", "+1 415 555 0123", "+12345", "+1234567890123456",
                "+1415555012a", "")) {
            api.post("/api/auth/register", with("phoneNumber", phone)).assertProblem(400, "validation");
        }
        api.post("/api/auth/register", with("firstName", "Nul\u0000Byte")).assertProblem(400, "validation");
        api.post("/api/auth/register", with("lastName", "Line\nBreak")).assertProblem(400, "validation");
        api.post("/api/auth/register", with("firstName", "x".repeat(100))).status();
        assertThat(api.post("/api/auth/register", with("firstName", "y".repeat(100))).status()).isEqualTo(201);
    }

    @Test
    void weakPasswordsAreRefused() {
        String email = Api.uniqueEmail("weakling");
        String local = email.substring(0, email.indexOf('@'));
        for (String password : List.of("123456789", "1234567890", "Password123!", "qwertyuiop", "aaaaaaaaaaaa",
                "abababababab", "abcdefghijkl", "my-" + local + "-pw", "ä".repeat(37))) {
            Map<String, Object> body = Api.signUp(email);
            body.put("password", password);
            Api.Response response = api.post("/api/auth/register", body).assertProblem(400, "validation");
            assertThat(response.json().path("errors").get(0).path("field").asString()).as(password)
                    .isEqualTo("password");
        }
    }

    @Test
    void sqlAndScriptLookingTextIsStoredAndReturnedVerbatim() {
        String first = "Robert'); DROP TABLE users;--";
        String last = "<script>alert('x')</script>";
        Map<String, Object> body = Api.signUp(Api.uniqueEmail("bobby"));
        body.put("firstName", first);
        body.put("lastName", last);
        Api.Response response = api.post("/api/auth/register", body);
        assertThat(response.status()).isEqualTo(201);
        assertThat(response.text("firstName")).isEqualTo(first);
        assertThat(response.text("lastName")).isEqualTo(last);
        assertThat(response.header("Content-Type")).startsWith("application/json");

        Api.Tokens tokens = api.login((String) body.get("email"), Api.PASSWORD);
        Api.Response me = api.get("/api/users/me", tokens.accessToken());
        assertThat(me.text("firstName")).isEqualTo(first);
        assertThat(me.text("lastName")).isEqualTo(last);
        assertThat(jdbc.queryForObject("select count(*) from users", Integer.class)).isPositive();
    }

    private static Map<String, Object> with(String field, Object value) {
        Map<String, Object> body = Api.signUp(Api.uniqueEmail("check"));
        body.put(field, value);
        return body;
    }
}
