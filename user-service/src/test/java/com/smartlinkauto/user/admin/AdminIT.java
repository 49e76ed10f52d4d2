package com.smartlinkauto.user.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.transaction.support.TransactionTemplate;

import com.smartlinkauto.user.Api;
import com.smartlinkauto.user.ApiTestSupport;
import com.smartlinkauto.user.UserServiceIT;
import com.smartlinkauto.user.account.UserAccountRepository;
import com.smartlinkauto.user.audit.AuditLog;
import com.smartlinkauto.user.support.AdvisoryLocks;
import com.smartlinkauto.user.token.RefreshTokenService;

import tools.jackson.databind.JsonNode;

/** Admin bootstrap, user search and the append-only audit trail. */
@UserServiceIT
class AdminIT extends ApiTestSupport {

    @Autowired
    AdminBootstrap bootstrap;

    @Autowired
    UserAccountRepository users;

    @Autowired
    PasswordEncoder passwordEncoder;

    @Autowired
    AuditLog audit;

    @Autowired
    AdvisoryLocks locks;

    @Autowired
    RefreshTokenService refreshTokens;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    TransactionTemplate tx;

    @Autowired
    JdbcTemplate jdbc;

    private AdminBootstrap bootstrapWith(String email, String password) {
        return new AdminBootstrap(new AdminProperties(email, password), users, passwordEncoder, audit, locks,
                refreshTokens, events, tx, Clock.systemUTC());
    }

    private int auditRows(String subjectId) {
        return jdbc.queryForObject("select count(*) from audit_log where subject_id = ?", Integer.class, subjectId);
    }

    @Test
    void theConfiguredAdminExistsAndBootstrapIsIdempotent() {
        String token = api.adminToken();
        JsonNode me = api.get("/api/users/me", token).json();
        assertThat(me.path("roles").toString()).isEqualTo("[\"ADMIN\"]");
        assertThat(me.path("email").asString()).isEqualTo(Api.ADMIN_EMAIL);
        String adminId = me.path("id").asString();
        int rows = auditRows(adminId);
        assertThat(jdbc.queryForObject("select count(*) from audit_log where subject_id = ? and action = "
                + "'ADMIN_BOOTSTRAPPED'", Integer.class, adminId)).isOne();

        bootstrap.ensureAdmin();
        bootstrap.ensureAdmin();
        assertThat(auditRows(adminId)).isEqualTo(rows);
        assertThat(jdbc.queryForObject("select count(*) from users where lower(email) = ?", Integer.class,
                Api.ADMIN_EMAIL)).isOne();
        assertThat(api.adminToken()).isNotBlank();
    }

    @Test
    void anExistingAccountWithTheAdminEmailIsTakenOverNotTrusted() {
        Api.Account squatter = api.registerRenter();
        Api.Tokens squatterSession = api.login(squatter);
        String configuredPassword = "Configured-Admin-Secret-77";

        bootstrapWith(squatter.email(), configuredPassword).ensureAdmin();

        api.post("/api/auth/login", Map.of("email", squatter.email(), "password", squatter.password()))
                .assertProblem(401, "invalid-credentials");
        api.post("/api/auth/refresh", Map.of("refreshToken", squatterSession.refreshToken()))
                .assertProblem(401, "invalid-refresh-token");
        String token = api.login(squatter.email(), configuredPassword).accessToken();
        assertThat(api.get("/api/users/me", token).json().path("roles").toString()).contains("ADMIN");
        List<String> actions = jdbc.queryForList("select action from audit_log where subject_id = ? order by id",
                String.class, squatter.id());
        assertThat(actions).containsExactly("ADMIN_ROLE_GRANTED", "ADMIN_PASSWORD_RESET");
    }

    @Test
    void misconfiguredBootstrapStopsTheStart() {
        assertThatThrownBy(() -> bootstrapWith("admin@example.test", null).ensureAdmin())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("both");
        assertThatThrownBy(() -> bootstrapWith("admin@example.test", "password123").ensureAdmin())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("SMARTLINK_ADMIN_PASSWORD");
        assertThatThrownBy(() -> bootstrapWith("not-an-email", "Configured-Admin-Secret-77").ensureAdmin())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("SMARTLINK_ADMIN_EMAIL");
        bootstrapWith(null, null).ensureAdmin(); // neither: nothing happens
    }

    private JsonNode search(String query, String token) {
        Api.Response response = api.get("/api/admin/users?size=100&query="
                + URLEncoder.encode(query, StandardCharsets.UTF_8), token);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    @Test
    void userSearchTreatsTheQueryAsData() {
        String marker = "Zq" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> body = Api.signUp(Api.uniqueEmail("searchable"));
        body.put("lastName", marker + " O'Brien; DROP TABLE users;--");
        assertThat(api.post("/api/auth/register", body).status()).isEqualTo(201);
        String admin = api.adminToken();

        JsonNode byName = search(marker.toUpperCase(), admin);
        assertThat(byName.path("totalElements").asInt()).isOne();
        assertThat(byName.path("items").get(0).path("lastName").asString()).isEqualTo(body.get("lastName"));
        assertThat(search((String) body.get("email"), admin).path("totalElements").asInt()).isOne();
        assertThat(search("O'Brien; DROP TABLE users;--", admin).path("totalElements").asInt()).isOne();

        for (String injection : List.of("' OR 1=1 --", "' OR '1'='1", "%", "_", "\\", "%' OR email LIKE '%")) {
            assertThat(search(injection, admin).path("totalElements").asInt()).as(injection).isZero();
        }
        assertThat(search("", admin).path("totalElements").asInt()).isGreaterThan(1);
        assertThat(jdbc.queryForObject("select count(*) from users", Integer.class)).isGreaterThan(1);

        api.get("/api/admin/users?size=101", admin).assertProblem(400, "validation");
        api.get("/api/admin/users?page=-1", admin).assertProblem(400, "validation");
        api.get("/api/admin/users?query=" + "q".repeat(101), admin).assertProblem(400, "validation");
        api.get("/api/admin/users?size=abc", admin).assertProblem(400, "malformed-request");
        JsonNode paged = api.get("/api/admin/users?size=1&page=0", admin).json();
        assertThat(paged.path("items").size()).isOne();
        assertThat(paged.path("totalPages").asInt()).isEqualTo(paged.path("totalElements").asInt());
    }

    @Test
    void theAuditTrailCannotBeChangedOrDeleted() {
        String admin = api.adminToken();
        Api.Account partner = api.registerPartner();
        api.patch("/api/admin/partners/" + partner.id() + "/verification", Map.of("status", "VERIFIED"), admin);
        assertThat(auditRows(partner.id())).isOne();

        List<String> refused = new ArrayList<>();
        for (String sql : List.of("update audit_log set reason = 'edited' where subject_id = ?",
                "delete from audit_log where subject_id = ?")) {
            assertThatThrownBy(() -> jdbc.update(sql, partner.id())).isInstanceOf(DataAccessException.class)
                    .rootCause().hasMessageContaining("audit_log is append-only");
            refused.add(sql);
        }
        assertThatThrownBy(() -> jdbc.execute("truncate audit_log")).isInstanceOf(DataAccessException.class)
                .rootCause().hasMessageContaining("audit_log is append-only");
        assertThat(refused).hasSize(2);
        assertThat(auditRows(partner.id())).isOne();
        assertThat(jdbc.queryForObject("select reason from audit_log where subject_id = ?", String.class,
                partner.id())).isNull();

        JsonNode all = api.get("/api/admin/audit?size=5", admin).json();
        assertThat(all.path("items").size()).isBetween(1, 5);
        assertThat(api.get("/api/admin/audit?subjectId=" + UUID.randomUUID(), admin).json()
                .path("totalElements").asInt()).isZero();
    }
}
