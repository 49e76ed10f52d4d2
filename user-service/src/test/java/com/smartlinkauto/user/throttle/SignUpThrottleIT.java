package com.smartlinkauto.user.throttle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import com.smartlinkauto.user.Api;
import com.smartlinkauto.user.ApiTestSupport;
import com.smartlinkauto.user.UserServiceIT;

/** Sign-ups per client address: 10 per hour by default, renter and partner sign-ups from one budget. */
@UserServiceIT
class SignUpThrottleIT extends ApiTestSupport {

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    SignUpThrottleProperties properties;

    private int accountsWith(String email) {
        return jdbc.queryForObject("select count(*) from users where lower(email) = lower(?)", Integer.class, email);
    }

    @Test
    void anAddressGetsItsBudgetOfSignUpsThen429WithRetryAfterAndNoAccount() {
        assertThat(properties.maxPerAddress()).isEqualTo(10);
        String address = Api.randomAddress();
        api.as(address);
        for (int i = 0; i < 10; i++) {
            if (i % 2 == 0) {
                api.registerRenter();
            }
            else {
                api.registerPartner();
            }
        }
        for (String path : new String[] { "/api/auth/register", "/api/partners" }) {
            String email = Api.uniqueEmail("over-budget");
            Api.Response refused = api.post(path, Api.signUp(email)).assertProblem(429, "rate-limited");
            long retryAfter = Long.parseLong(refused.header("Retry-After"));
            assertThat(retryAfter).as("seconds until one sign-up refills (1 h / 10)").isBetween(1L, 6 * 60L);
            assertThat(accountsWith(email)).as("nothing created for " + path).isZero();
        }

        // another address is not affected
        Api other = new Api(port);
        assertThat(other.registerRenter().id()).isNotBlank();
    }

    @Test
    void entriesLeftOfTheOneTheGatewayWroteDoNotOpenANewBudget() {
        // one trusted hop (the gateway appends the TCP peer): only the rightmost entry counts
        String address = Api.randomAddress();
        api.as(address);
        for (int i = 0; i < 10; i++) {
            api.registerRenter();
        }
        Api rotating = new Api(port).as(Api.randomAddress() + ", " + address);
        rotating.post("/api/auth/register", Api.signUp(Api.uniqueEmail("rotating"))).assertProblem(429, "rate-limited");
    }

    @Test
    void invalidSignUpsDoNotSpendTheBudget() {
        api.as(Api.randomAddress());
        for (int i = 0; i < 12; i++) {
            api.post("/api/auth/register", Map.of("email", "not-an-email")).assertProblem(400, "validation");
        }
        assertThat(api.registerRenter().id()).isNotBlank();
    }
}
