package com.smartlinkauto.user;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import tools.jackson.databind.JsonNode;

/**
 * Issue #10's malformed requests against user-service, which answered 500 before (a NUL reached PostgreSQL,
 * a multipart body without a boundary reached the parser): now each is a 400 problem naming the input, and
 * nothing changes.
 */
@UserServiceIT
class MalformedInputIT extends ApiTestSupport {

    private static final String NUL = "\u0000";

    @Autowired
    JdbcTemplate jdbc;

    private static String q(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static void assertInvalid(Api.Response response, String field) {
        response.assertProblem(400, "validation");
        assertThat(response.json().path("errors").findValuesAsString("field")).as(response.body()).contains(field);
    }

    @Test
    void aLoginEmailWithNulIs400NotA500() {
        assertInvalid(api.post("/api/auth/login", Map.of("email", "ada" + NUL + "@example.test", "password", "x")),
                "email");
        assertInvalid(api.post("/api/auth/login", Map.of("email", "ada\u202E@example.test", "password", "x")), "email");
        assertInvalid(api.post("/api/auth/refresh", Map.of("refreshToken", "abc" + NUL)), "refreshToken");
        assertInvalid(api.post("/api/auth/logout", Map.of("refreshToken", "abc" + NUL)), "refreshToken");
    }

    @Test
    void theAdminsUserQueryAndAuditSubjectWithNulAre400() {
        String admin = api.adminToken();
        assertInvalid(api.get("/api/admin/users?query=" + q("ada" + NUL), admin), "query");
        assertInvalid(api.get("/api/admin/audit?subjectId=" + q("x" + NUL + "y"), admin), "subjectId");
        // "İ" lower-cases to two characters: 60 of them are 120 characters, beyond the query's 100
        assertInvalid(api.get("/api/admin/users?query=" + q("\u0130".repeat(60)), admin), "query");
        api.get("/api/admin/users?query=" + q("\u0130".repeat(40)), admin).assertStatusOk();
        api.get("/api/admin/audit?subjectId=" + q(UUID.randomUUID().toString()), admin).assertStatusOk();
    }

    @Test
    void namesAndReasonsRefuseControlsAndAreStoredNormalised() {
        Map<String, Object> body = Api.signUp(Api.uniqueEmail("nul"));
        body.put("firstName", "Ada" + NUL);
        assertInvalid(api.post("/api/auth/register", body), "firstName");
        body.put("firstName", "Ada\u2066");
        assertInvalid(api.post("/api/partners", body), "firstName");
        assertThat(jdbc.queryForObject("select count(*) from users where email = ?", Long.class, body.get("email")))
                .isZero();
        // a decomposed "é" is stored composed
        body.put("firstName", "Rene\u0301");
        Api.Response created = api.post("/api/auth/register", body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.text("firstName")).isEqualTo("Ren\u00e9");

        Api.Account partner = api.registerPartner();
        String admin = api.adminToken();
        assertInvalid(api.patch("/api/admin/partners/" + partner.id() + "/verification",
                Map.of("status", "REJECTED", "reason", "forged" + NUL), admin), "reason");
        String token = api.login(partner).accessToken();
        assertInvalid(api.patch("/api/users/me", Map.of("lastName", "X" + NUL), token), "lastName");
    }

    @Test
    void aDocumentUploadWithoutAMultipartBoundaryIs400() throws Exception {
        Api.Account partner = api.registerPartner();
        String token = api.login(partner).accessToken();
        HttpClient http = HttpClient.newHttpClient();
        for (String contentType : new String[] { "multipart/form-data", "multipart/form-data; boundary=zz" }) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/api/partners/me/documents"))
                    .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token)
                    .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString("hello")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
            JsonNode problem = Api.JSON.readTree(response.body());
            // no boundary: the body cannot be parsed; a boundary the body lacks: no parts, so no type and no file
            assertThat(problem.path("type").asString()).isIn("https://smartlinkauto.com/problems/malformed-request",
                    "https://smartlinkauto.com/problems/validation");
            assertThat(problem.path("correlationId").asString()).isNotBlank();
        }
    }

    @Test
    void malformedIdsAreProblemsNamingTheParameter() {
        String admin = api.adminToken();
        for (Object[] c : new Object[][] { { api.get("/api/partners/not-a-uuid/documents", admin), "partnerId" },
                { api.patch("/api/admin/partners/x/verification", Map.of("status", "VERIFIED"), admin), "id" },
                { api.get("/api/admin/users?page=99999999999", admin), "page" } }) {
            Api.Response response = (Api.Response) c[0];
            response.assertProblem(400, "malformed-request");
            assertThat(response.json().path("errors").findValuesAsString("field")).contains((String) c[1]);
        }
    }
}
