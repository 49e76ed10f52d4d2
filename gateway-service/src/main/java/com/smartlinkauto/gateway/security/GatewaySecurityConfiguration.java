package com.smartlinkauto.gateway.security;

import org.springframework.cloud.client.loadbalancer.LoadBalanced;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.convert.converter.Converter;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverterAdapter;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.web.reactive.function.client.WebClient;

import com.smartlinkauto.gateway.revocation.TokenRevocation;
import com.smartlinkauto.gateway.web.Problems;
import com.smartlinkauto.gateway.webui.WebUiPaths;
import com.smartlinkauto.servicedefaults.security.SmartlinkJwt;
import com.smartlinkauto.servicedefaults.security.VerifiedJwtCache;
import com.smartlinkauto.servicedefaults.problem.ProblemTypes;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import reactor.core.publisher.Mono;

/**
 * The gateway checks every token before a request leaves it: RS256 JWTs signed by user-service,
 * whose public keys it reads from {@code /.well-known/jwks.json} through discovery. A missing,
 * malformed, tampered ({@code alg: none}, another key) or expired token is a 401; {@code /api/admin/**}
 * without ADMIN is a 403; both as problem+json. Services check the token again and decide ownership. The web UI's
 * pages and files are public reads with a chain of their own ({@link #webUiSecurity}).
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
class GatewaySecurityConfiguration {

    /** Access tokens kept verified at the gateway (every client's current token, bounded). */
    static final int VERIFIED_TOKENS = 2000;

    /**
     * Routes anyone may call without a token. The payment webhook is called by the payment provider (Stripe, or
     * the sandbox provider), which has no token: payment-service verifies its {@code Stripe-Signature} instead.
     */
    static final String[] PUBLIC_POSTS = { "/api/auth/register", "/api/auth/login", "/api/auth/refresh",
            "/api/auth/logout", "/api/partners", "/api/payments/webhook" };

    private static final ServerAuthenticationEntryPoint UNAUTHORIZED = (exchange, ex) -> Problems.write(exchange,
            exchange.getResponse(), HttpStatus.UNAUTHORIZED, ProblemTypes.UNAUTHORIZED,
            "A valid bearer token is required.");

    private static final ServerAccessDeniedHandler FORBIDDEN = (exchange, ex) -> Problems.write(exchange,
            exchange.getResponse(), HttpStatus.FORBIDDEN, ProblemTypes.FORBIDDEN,
            "Your role does not allow this request.");

    /**
     * Reads of the web UI's pages and files ({@link WebUiPaths#appReads()}: GET/HEAD outside /api, /actuator, ...):
     * public, and no bearer token is looked at, so a stray {@code Authorization} header costs no JWT decode and no
     * revocation lookup in Redis. Spring Security's firewall still runs first (path tricks are refused for every
     * chain) and its default headers are still written. Writes to those paths fall through to the chain below and
     * on to the web UI's handler, which answers 405.
     */
    @Bean
    @Order(0)
    SecurityWebFilterChain webUiSecurity(ServerHttpSecurity http) {
        return http
                .securityMatcher(WebUiPaths.appReads())
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .authorizeExchange(exchanges -> exchanges.anyExchange().permitAll())
                .build();
    }

    @Bean
    @Order(1)
    SecurityWebFilterChain gatewaySecurity(ServerHttpSecurity http,
            Converter<Jwt, Mono<AbstractAuthenticationToken>> jwtAuthentication) {
        return http
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .authorizeExchange(exchanges -> exchanges
                        .pathMatchers(HttpMethod.OPTIONS).permitAll()
                        .pathMatchers("/actuator/health", "/actuator/health/**", "/actuator/info",
                                "/actuator/prometheus")
                        .permitAll()
                        .pathMatchers("/actuator/**").denyAll()
                        .pathMatchers(HttpMethod.POST, PUBLIC_POSTS).permitAll()
                        .pathMatchers(HttpMethod.GET, "/.well-known/jwks.json").permitAll()
                        // the public catalogue: search, vehicle details, photos
                        .pathMatchers(HttpMethod.GET, "/api/vehicles", "/api/vehicles/**").permitAll()
                        // a booking's price before signing in (booking-service's quote)
                        .pathMatchers(HttpMethod.GET, "/api/bookings/quote").permitAll()
                        .pathMatchers("/api/admin/**").hasRole("ADMIN")
                        .pathMatchers("/api/**").authenticated()
                        // the sandbox checkout's forms (/payments/sandbox/**); other paths: no route (404), or
                        // the web UI's handler (a write there is 405)
                        .anyExchange().permitAll())
                .oauth2ResourceServer(oauth -> oauth
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(jwtAuthentication))
                        .authenticationEntryPoint(UNAUTHORIZED)
                        .accessDeniedHandler(FORBIDDEN))
                .exceptionHandling(handling -> handling
                        .authenticationEntryPoint(UNAUTHORIZED)
                        .accessDeniedHandler(FORBIDDEN))
                .build();
    }

    /** {@code sub} is the principal; the {@code roles} claim becomes {@code ROLE_*} authorities. */
    @Bean
    Converter<Jwt, Mono<AbstractAuthenticationToken>> jwtAuthentication() {
        return new ReactiveJwtAuthenticationConverterAdapter(SmartlinkJwt.authenticationConverter());
    }

    @Bean
    @LoadBalanced
    WebClient.Builder loadBalancedWebClientBuilder() {
        return WebClient.builder();
    }

    /**
     * Keys come from user-service's JWKS through discovery; only RS256, user-service's issuer, unexpired,
     * and not revoked (user-service's deny list in Redis, see {@link TokenRevocation}). A verified token is kept
     * ({@link VerifiedJwtCache}) and re-validated on each request instead of decoded again.
     */
    @Bean
    ReactiveJwtDecoder jwtDecoder(WebClient.Builder loadBalancedWebClientBuilder, GatewaySecurityProperties properties,
            TokenRevocation tokenRevocation, MeterRegistry meters) {
        NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withJwkSetUri(properties.jwkSetUri())
                .webClient(loadBalancedWebClientBuilder.build())
                .jwsAlgorithm(SignatureAlgorithm.RS256)
                .build();
        OAuth2TokenValidator<Jwt> validator = SmartlinkJwt.validator(properties.issuer());
        decoder.setJwtValidator(validator);
        // a token verified once is re-validated (not re-verified) on its next requests; revocation still per request
        VerifiedJwtCache verified = new VerifiedJwtCache(validator, VERIFIED_TOKENS);
        CaffeineCacheMetrics.monitor(meters, verified.cache(), "verified-access-tokens");
        ReactiveJwtDecoder caching = token -> {
            Jwt hit = verified.get(token);
            return hit != null ? Mono.just(hit) : decoder.decode(token).doOnNext(jwt -> verified.put(token, jwt));
        };
        return tokenRevocation.checking(caching);
    }
}
