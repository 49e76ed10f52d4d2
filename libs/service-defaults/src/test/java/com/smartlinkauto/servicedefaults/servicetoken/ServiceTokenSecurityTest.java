package com.smartlinkauto.servicedefaults.servicetoken;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.smartlinkauto.servicedefaults.security.ProblemAccessDeniedHandler;
import com.smartlinkauto.servicedefaults.security.ProblemAuthenticationEntryPoint;
import com.smartlinkauto.servicedefaults.security.SmartlinkJwt;
import com.smartlinkauto.servicedefaults.security.StatelessApiSecurity;

/**
 * The service-token chain a service gets from service-defaults, seen through HTTP: /internal/** and the extra
 * paths take only service tokens for this service; its user API takes only users' tokens.
 */
@SpringBootTest(properties = { "spring.application.name=probe-service",
        "smartlink.security.service.extra-paths=/chunks/**", "eureka.client.enabled=false" })
@AutoConfigureMockMvc
class ServiceTokenSecurityTest {

    static final String ISSUER = "smartlink-user-service";
    static final KeyPair KEYS = keys();
    static final KeyPair OTHER_KEYS = keys();

    @SpringBootApplication
    @Import(Probe.class)
    static class ProbeApplication {

        /** The service's own chain for users, as every service writes it. */
        @Bean
        SecurityFilterChain probeSecurity(HttpSecurity http, JwtDecoder jwtDecoder,
                ProblemAuthenticationEntryPoint entryPoint, ProblemAccessDeniedHandler accessDenied) {
            StatelessApiSecurity.apply(http, jwtDecoder, entryPoint, accessDenied)
                    .authorizeHttpRequests(authorize -> authorize.requestMatchers("/api/**").authenticated()
                            .anyRequest().denyAll());
            return http.build();
        }

        @Bean
        JwtDecoder jwtDecoder() {
            NimbusJwtDecoder decoder = NimbusJwtDecoder.withPublicKey((RSAPublicKey) KEYS.getPublic())
                    .signatureAlgorithm(SignatureAlgorithm.RS256).build();
            decoder.setJwtValidator(SmartlinkJwt.validator(ISSUER));
            return decoder;
        }

        @Bean
        ServiceTokenVerifier serviceTokenVerifier() {
            return ServiceTokenVerifier.withPublicKey((RSAPublicKey) KEYS.getPublic(), ISSUER, "probe-service");
        }

        @Bean
        ServiceAccessRules onlyTheNodesReport() {
            return rules -> rules.requestMatchers("/internal/reports/**")
                    .hasAuthority(ServiceTokenVerifier.client("storage-node-service"));
        }
    }

    @RestController
    static class Probe {

        @GetMapping({ "/internal/probe", "/chunks/abc", "/api/probe" })
        String who(@AuthenticationPrincipal Jwt caller) {
            return caller.getSubject();
        }

        @PostMapping("/internal/reports/x")
        String report(@AuthenticationPrincipal Jwt caller) {
            return "report from " + caller.getSubject();
        }
    }

    @Autowired
    MockMvc mvc;

    @Test
    void aServiceTokenForThisServiceOpensTheInternalPathsAndTheExtraOnes() throws Exception {
        String token = service("vehicle-service", List.of("probe-service"), "internal", Duration.ofMinutes(5), KEYS);
        mvc.perform(get("/internal/probe").header("Authorization", "Bearer " + token)).andExpect(status().isOk())
                .andExpect(content().string("vehicle-service"));
        mvc.perform(get("/chunks/abc").header("Authorization", "Bearer " + token)).andExpect(status().isOk());
        String twoAudiences = service("vehicle-service", List.of("other-service", "probe-service"), "internal",
                Duration.ofMinutes(5), KEYS);
        mvc.perform(get("/internal/probe").header("Authorization", "Bearer " + twoAudiences)).andExpect(status().isOk());
    }

    @Test
    void noTokenIsA401Problem() throws Exception {
        mvc.perform(get("/internal/probe")).andExpect(status().isUnauthorized())
                .andExpect(header().string("WWW-Authenticate", org.hamcrest.Matchers.startsWith("Bearer")))
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(jsonPath("$.type").value("https://smartlinkauto.com/problems/unauthorized"));
        mvc.perform(get("/chunks/abc")).andExpect(status().isUnauthorized());
    }

    @Test
    void aUsersTokenEvenAnAdminsIsRefusedOnTheInternalPaths() throws Exception {
        mvc.perform(get("/internal/probe").header("Authorization", "Bearer " + user("ADMIN")))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.type").value("https://smartlinkauto.com/problems/unauthorized"));
        // and it works where it belongs
        mvc.perform(get("/api/probe").header("Authorization", "Bearer " + user("ADMIN"))).andExpect(status().isOk());
    }

    @Test
    void aServiceTokenIsRefusedOnTheUserApi() throws Exception {
        String token = service("vehicle-service", List.of("probe-service"), "internal", Duration.ofMinutes(5), KEYS);
        mvc.perform(get("/api/probe").header("Authorization", "Bearer " + token)).andExpect(status().isUnauthorized());
    }

    @Test
    void tokensForAnotherAudienceWithoutTheScopeExpiredOrSignedByAnotherKeyAreRefused() throws Exception {
        for (String token : List.of(
                service("vehicle-service", List.of("other-service"), "internal", Duration.ofMinutes(5), KEYS),
                service("vehicle-service", List.of("probe-service"), "openid", Duration.ofMinutes(5), KEYS),
                service("vehicle-service", List.of("probe-service"), null, Duration.ofMinutes(5), KEYS),
                service("vehicle-service", List.of("probe-service"), "internal", Duration.ofMinutes(-5), KEYS),
                service("vehicle-service", List.of("probe-service"), "internal", Duration.ofMinutes(5), OTHER_KEYS))) {
            mvc.perform(get("/internal/probe").header("Authorization", "Bearer " + token))
                    .andExpect(status().isUnauthorized());
        }
    }

    @Test
    void aServiceTheRulesDoNotLetInGetsA403() throws Exception {
        String vehicles = service("vehicle-service", List.of("probe-service"), "internal", Duration.ofMinutes(5), KEYS);
        mvc.perform(post("/internal/reports/x").header("Authorization", "Bearer " + vehicles))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.type").value("https://smartlinkauto.com/problems/forbidden"));
        String node = service("storage-node-service", List.of("probe-service"), "internal", Duration.ofMinutes(5), KEYS);
        mvc.perform(post("/internal/reports/x").header("Authorization", "Bearer " + node)).andExpect(status().isOk())
                .andExpect(content().string("report from storage-node-service"));
    }

    static String service(String client, List<String> audiences, String scope, Duration validFor, KeyPair keys)
            throws Exception {
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(ISSUER).subject(client).audience(audiences)
                .jwtID(UUID.randomUUID().toString()).issueTime(Date.from(now.minusSeconds(600)))
                .expirationTime(Date.from(now.plus(validFor)));
        if (scope != null) {
            claims.claim("scope", scope);
        }
        return sign(claims.build(), keys);
    }

    static String user(String role) throws Exception {
        Instant now = Instant.now();
        return sign(new JWTClaimsSet.Builder().issuer(ISSUER).subject(UUID.randomUUID().toString())
                .claim("roles", List.of(role)).issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(300))).build(), KEYS);
    }

    static String sign(JWTClaimsSet claims, KeyPair keys) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).build(), claims);
        jwt.sign(new RSASSASigner((RSAPrivateKey) keys.getPrivate()));
        return jwt.serialize();
    }

    static KeyPair keys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        }
        catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }
}
