package com.smartlinkauto.servicedefaults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Arrays;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import com.smartlinkauto.servicedefaults.problem.ApiException;
import com.smartlinkauto.servicedefaults.problem.ProblemTypes;
import com.smartlinkauto.servicedefaults.security.ProblemAccessDeniedHandler;
import com.smartlinkauto.servicedefaults.security.ProblemAuthenticationEntryPoint;
import com.smartlinkauto.servicedefaults.security.SmartlinkJwt;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** What a service gets from depending on service-defaults, seen through its HTTP answers. */
// the Eureka client is on this module's class path (servicedefaults.discovery); this probe registers nowhere
@SpringBootTest(properties = { "spring.application.name=probe-service", "eureka.client.enabled=false" })
@AutoConfigureMockMvc
class ServiceDefaultsTest {

    @SpringBootApplication
    @Import(ProbeController.class)
    static class ProbeApplication {

        /** A service's own chain, built from the shared resource-server pieces. */
        @Bean
        SecurityFilterChain probeSecurity(HttpSecurity http, ProblemAuthenticationEntryPoint entryPoint,
                ProblemAccessDeniedHandler accessDenied) {
            http.csrf(csrf -> csrf.disable())
                    .authorizeHttpRequests(authorize -> authorize
                            .requestMatchers("/secure").authenticated()
                            .anyRequest().permitAll())
                    .oauth2ResourceServer(oauth -> oauth
                            .jwt(jwt -> jwt.jwtAuthenticationConverter(SmartlinkJwt.authenticationConverter()))
                            .authenticationEntryPoint(entryPoint)
                            .accessDeniedHandler(accessDenied))
                    .exceptionHandling(handling -> handling.authenticationEntryPoint(entryPoint)
                            .accessDeniedHandler(accessDenied));
            return http.build();
        }
    }

    record SignUp(@NotBlank @Size(max = 20) String name, @NotBlank String password) {
    }

    @RestController
    @Validated
    static class ProbeController {

        @PostMapping("/probe")
        SignUp create(@Valid @RequestBody SignUp body) {
            return body;
        }

        @GetMapping("/secure")
        String secure() {
            return "secret";
        }

        /** How many frames of the request's stack belong to Spring Security's observing filter decorator. */
        @GetMapping("/probe/observed-frames")
        long observedFrames() {
            return Arrays.stream(Thread.currentThread().getStackTrace())
                    .filter(frame -> frame.getClassName().contains("ObservationFilterChainDecorator")).count();
        }

        @GetMapping("/probe/{n}")
        int read(@PathVariable @Max(10) int n) {
            if (n == 7) {
                throw new ApiException(HttpStatus.CONFLICT, ProblemTypes.of("seven-taken"), "Seven is taken",
                        java.util.Map.of("holder", "someone"));
            }
            if (n == 9) {
                throw new org.springframework.security.access.AccessDeniedException("not yours");
            }
            if (n == 8) {
                throw new IllegalStateException("secret internal detail");
            }
            return n;
        }
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    Environment environment;

    @Autowired
    ObservationRegistry observations;

    @Test
    void validationErrorsListTheFieldsWithoutEchoingValues() throws Exception {
        mvc.perform(post("/probe").contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\"\",\"password\":\"\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(header().string("Content-Type", "application/problem+json"))
                .andExpect(jsonPath("$.type").value("https://smartlinkauto.com/problems/validation"))
                .andExpect(jsonPath("$.errors", hasSize(2)))
                .andExpect(jsonPath("$.errors[0].field").value("name"))
                .andExpect(jsonPath("$.errors[1].field").value("password"))
                .andExpect(jsonPath("$.errors[0].rejectedValue").doesNotExist())
                .andExpect(jsonPath("$.instance").value("/probe"))
                .andExpect(jsonPath("$.correlationId").exists());
    }

    @Test
    void malformedJsonIsA400Problem() throws Exception {
        mvc.perform(post("/probe").contentType(MediaType.APPLICATION_JSON).content("{\"name\":"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("https://smartlinkauto.com/problems/malformed-request"))
                .andExpect(jsonPath("$.status").value(400));
    }

    @Test
    void domainErrorsKeepTheirTypeAndProperties() throws Exception {
        mvc.perform(get("/probe/7").header("X-Request-Id", "req-7"))
                .andExpect(status().isConflict())
                .andExpect(header().string("X-Request-Id", "req-7"))
                .andExpect(jsonPath("$.type").value("https://smartlinkauto.com/problems/seven-taken"))
                .andExpect(jsonPath("$.detail").value("Seven is taken"))
                .andExpect(jsonPath("$.holder").value("someone"))
                .andExpect(jsonPath("$.correlationId").value("req-7"));
    }

    @Test
    void unexpectedErrorsAre500sThatRevealNothing() throws Exception {
        String body = mvc.perform(get("/probe/8"))
                .andExpect(status().isInternalServerError())
                .andExpect(jsonPath("$.type").value("https://smartlinkauto.com/problems/internal-error"))
                .andReturn().getResponse().getContentAsString();
        assertThat(body).doesNotContain("secret internal detail").doesNotContain("IllegalStateException");
    }

    @Test
    void parameterValidationAndUnknownPathsAreProblems() throws Exception {
        mvc.perform(get("/probe/11"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("https://smartlinkauto.com/problems/validation"));
        mvc.perform(get("/probe/not-a-number"))
                .andExpect(status().isBadRequest())
                .andExpect(header().string("Content-Type", "application/problem+json"));
        mvc.perform(get("/nowhere"))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.type").value("https://smartlinkauto.com/problems/not-found"));
    }

    @Test
    void securityAnswersWithProblems() throws Exception {
        mvc.perform(get("/secure").header("X-Request-Id", "sec-1"))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string("Content-Type", "application/problem+json"))
                .andExpect(jsonPath("$.type").value("https://smartlinkauto.com/problems/unauthorized"))
                .andExpect(jsonPath("$.correlationId").value("sec-1"));
        mvc.perform(get("/secure").header("Authorization", "Bearer not-a-token"))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.type").value("https://smartlinkauto.com/problems/unauthorized"));
        // an ownership check failing inside application code is a 403, not the catch-all 500
        mvc.perform(get("/probe/9"))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.type").value("https://smartlinkauto.com/problems/forbidden"));
    }

    @Test
    void tokensAreReadTheSmartlinkWay() {
        var jwt = org.springframework.security.oauth2.jwt.Jwt.withTokenValue("t").header("alg", "RS256")
                .subject("0b6f4a52-6a3e-4c53-9d55-8cf1b0c2a111").claim("roles", java.util.List.of("PARTNER"))
                .issuer("smartlink-user-service")
                .issuedAt(java.time.Instant.now()).expiresAt(java.time.Instant.now().plusSeconds(60)).build();
        var authentication = SmartlinkJwt.authenticationConverter().convert(jwt);
        assertThat(authentication.getName()).isEqualTo("0b6f4a52-6a3e-4c53-9d55-8cf1b0c2a111");
        assertThat(authentication.getAuthorities()).extracting(a -> a.getAuthority()).contains("ROLE_PARTNER")
                .noneMatch(a -> a.startsWith("ROLE_") && !a.equals("ROLE_PARTNER"));
        assertThat(SmartlinkJwt.validator("smartlink-user-service").validate(jwt).hasErrors()).isFalse();
        assertThat(SmartlinkJwt.validator("someone-else").validate(jwt).hasErrors()).isTrue();
        var notAUser = org.springframework.security.oauth2.jwt.Jwt.withTokenValue("t").header("alg", "RS256")
                .subject("admin").issuer("smartlink-user-service")
                .expiresAt(java.time.Instant.now().plusSeconds(60)).build();
        assertThat(SmartlinkJwt.validator("smartlink-user-service").validate(notAUser).hasErrors()).isTrue();
    }

    @Test
    void unsafeCorrelationIdsAreReplaced() throws Exception {
        mvc.perform(get("/probe/1").header("X-Request-Id", "bad id\nwith newline"))
                .andExpect(status().isOk())
                .andExpect(header().string("X-Request-Id", matchesPattern("[0-9a-f-]{36}")));
    }

    @Test
    void actuatorDefaultsAreInPlaceButOverridable() {
        assertThat(environment.getProperty("management.endpoint.health.probes.enabled")).isEqualTo("true");
        assertThat(environment.getProperty("management.endpoints.web.exposure.include")).contains("prometheus");
        assertThat(environment.getProperty("management.metrics.tags.application")).isEqualTo("probe-service");
        assertThat(environment.getProperty("eureka.instance.ip-address")).isEqualTo("127.0.0.1");
    }

    @Test
    void securityFiltersAreNotWrappedInObservations() throws Exception {
        // the probe's request passes every filter of its chain: none runs inside the observing decorator
        mvc.perform(get("/probe/observed-frames")).andExpect(status().isOk())
                .andExpect(content().string("0"));
    }

    @Test
    void scheduledRunsAndRedisCommandsAreNotObservedButRequestsAre() {
        assertThat(Observation.createNotStarted("tasks.scheduled.execution", observations).isNoop()).isTrue();
        assertThat(Observation.createNotStarted("lettuce", observations).isNoop()).as("a Redis command").isTrue();
        assertThat(Observation.createNotStarted("http.server.requests", observations).isNoop()).isFalse();
    }

    @Test
    void idleKafkaConsumersLongPoll() {
        // bound as Boot binds it: a misspelt key would leave Kafka's 500 ms
        KafkaProperties kafka = Binder.get(environment).bind("spring.kafka", KafkaProperties.class).get();
        assertThat(kafka.buildConsumerProperties()).containsEntry(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 5000);
    }
}
