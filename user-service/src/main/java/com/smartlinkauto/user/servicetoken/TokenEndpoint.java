package com.smartlinkauto.user.servicetoken;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import com.smartlinkauto.servicedefaults.problem.ProblemTypes;
import com.smartlinkauto.servicedefaults.problem.ServletProblems;
import com.smartlinkauto.servicedefaults.servicetoken.ServiceTokens;

import io.micrometer.core.instrument.MeterRegistry;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;

/**
 * {@code POST /oauth2/token}: service tokens by the OAuth 2.0 client-credentials grant (RFC 6749 §4.4). The client
 * (a service) authenticates with HTTP Basic ({@code client_secret_basic}, §2.3.1); the form names
 * {@code grant_type=client_credentials}, the {@code audience} (the service it will call; required) and optionally
 * {@code scope=internal}. The answer is RFC 6749's JSON; errors are the platform's problem+json with the RFC's
 * {@code error} code as an extra member. Not routed by the gateway: only services on the internal network ask.
 */
@RestController
@Tag(name = "Service tokens")
class TokenEndpoint {

    private static final Logger log = LoggerFactory.getLogger(TokenEndpoint.class);

    static final String PATH = "/oauth2/token";
    static final URI INVALID_CLIENT = ProblemTypes.of("invalid-client");
    static final URI INVALID_TOKEN_REQUEST = ProblemTypes.of("invalid-token-request");

    private final ServiceClients clients;
    private final ServiceTokenIssuer issuer;
    private final MeterRegistry meters;

    TokenEndpoint(ServiceClients clients, ServiceTokenIssuer issuer, MeterRegistry meters) {
        this.clients = clients;
        this.issuer = issuer;
        this.meters = meters;
    }

    /** An RFC 6749 error: its {@code error} code, HTTP status and a detail that never quotes a secret. */
    static final class TokenRequestException extends RuntimeException {

        final HttpStatus status;
        final String error;
        final String client;

        TokenRequestException(HttpStatus status, String error, String detail, String client) {
            super(detail);
            this.status = status;
            this.error = error;
            this.client = client;
        }
    }

    @PostMapping(path = PATH, consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "A service token (OAuth 2.0 client credentials) for one audience",
            description = "For services only: not routed by the gateway. Authenticate with HTTP Basic "
                    + "(client id = the service's spring.application.name, its secret from SMARTLINK_SERVICE_SECRET); "
                    + "form fields grant_type=client_credentials, audience=<the service to call> (required, one), "
                    + "scope=internal (optional). 200 {access_token, token_type: Bearer, expires_in, scope}. Errors "
                    + "are problem+json with the RFC 6749 `error` code: invalid_client 401 (with WWW-Authenticate: "
                    + "Basic), invalid_request, unsupported_grant_type, invalid_scope, and invalid_target (RFC 8707: "
                    + "this client may not call that audience) 400.",
            security = @SecurityRequirement(name = "serviceClient"),
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    mediaType = MediaType.APPLICATION_FORM_URLENCODED_VALUE,
                    schema = @Schema(implementation = TokenRequestForm.class))),
            responses = {
                    @ApiResponse(responseCode = "200", description = "the token",
                            content = @Content(schema = @Schema(implementation = TokenAnswer.class))),
                    @ApiResponse(responseCode = "400", description = "invalid_request, unsupported_grant_type, "
                            + "invalid_scope, invalid_target", content = @Content(mediaType = "application/problem+json")),
                    @ApiResponse(responseCode = "401", description = "invalid_client",
                            content = @Content(mediaType = "application/problem+json")) })
    ResponseEntity<TokenAnswer> token(@Parameter(hidden = true) HttpServletRequest request) {
        String client = authenticate(request.getHeader(HttpHeaders.AUTHORIZATION));
        Map<String, String> form = form(request, client);
        if (form.containsKey("client_secret") || form.containsKey("client_id")) {
            throw new TokenRequestException(HttpStatus.BAD_REQUEST, "invalid_request",
                    "Client credentials go in the Authorization header (HTTP Basic) only.", client);
        }
        String grantType = form.get("grant_type");
        if (grantType == null || grantType.isBlank()) {
            throw new TokenRequestException(HttpStatus.BAD_REQUEST, "invalid_request", "grant_type is required.", client);
        }
        if (!"client_credentials".equals(grantType)) {
            throw new TokenRequestException(HttpStatus.BAD_REQUEST, "unsupported_grant_type",
                    "Only the client_credentials grant is supported.", client);
        }
        String scope = form.get("scope");
        if (scope != null && !List.of(scope.strip().split(" +")).stream().allMatch(ServiceTokens.SCOPE::equals)) {
            throw new TokenRequestException(HttpStatus.BAD_REQUEST, "invalid_scope",
                    "The only scope is " + ServiceTokens.SCOPE + ".", client);
        }
        String audience = form.get("audience");
        if (audience == null || audience.isBlank()) {
            throw new TokenRequestException(HttpStatus.BAD_REQUEST, "invalid_request",
                    "audience (the service id this token is for) is required.", client);
        }
        if (!ServiceClients.SERVICE_ID.matcher(audience).matches() || !clients.mayCall(client, audience)) {
            throw new TokenRequestException(HttpStatus.BAD_REQUEST, "invalid_target",
                    "This client may not ask for tokens to that audience.", client);
        }
        ServiceTokenIssuer.Issued issued = issuer.issue(client, audience);
        count("issued", client);
        log.debug("Issued a service token to {} for {}", client, audience);
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).header(HttpHeaders.PRAGMA, "no-cache")
                .contentType(MediaType.APPLICATION_JSON)
                .body(new TokenAnswer(issued.value(), "Bearer", issued.expiresInSeconds(), ServiceTokens.SCOPE));
    }

    /** RFC 6749 §5.1. */
    record TokenAnswer(@com.fasterxml.jackson.annotation.JsonProperty("access_token") String accessToken,
            @com.fasterxml.jackson.annotation.JsonProperty("token_type") String tokenType,
            @com.fasterxml.jackson.annotation.JsonProperty("expires_in") long expiresIn, String scope) {

        @Override
        public String toString() {
            return "TokenAnswer[***]";
        }
    }

    /** For the OpenAPI description only. */
    record TokenRequestForm(@Schema(requiredMode = Schema.RequiredMode.REQUIRED, allowableValues = "client_credentials")
            @com.fasterxml.jackson.annotation.JsonProperty("grant_type") String grantType,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "storage-controller-service") String audience,
            @Schema(allowableValues = "internal") String scope) {
    }

    /** The client named in {@code Authorization: Basic}, when its secret matches (RFC 6749 §2.3.1 encoding). */
    private String authenticate(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            throw invalidClient(null, "no HTTP Basic credentials");
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(6).strip()), StandardCharsets.UTF_8);
        }
        catch (IllegalArgumentException ex) {
            throw invalidClient(null, "malformed Basic credentials");
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            throw invalidClient(null, "malformed Basic credentials");
        }
        String clientId;
        String secret;
        try {
            clientId = URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8);
            secret = URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8);
        }
        catch (IllegalArgumentException ex) {
            throw invalidClient(null, "malformed Basic credentials");
        }
        Optional<String> client = clients.authenticate(clientId, secret);
        if (client.isEmpty()) {
            throw invalidClient(clientId, clients.known(clientId) ? "wrong secret" : "unknown client");
        }
        return client.get();
    }

    private TokenRequestException invalidClient(String clientId, String why) {
        // never the secret; the client id only as a printable label
        String label = clientId == null ? "-" : ServiceClients.SERVICE_ID.matcher(clientId).matches() ? clientId
                : "(not a service id)";
        log.warn("Refused a service token request: client authentication failed for {} ({})", label, why);
        return new TokenRequestException(HttpStatus.UNAUTHORIZED, "invalid_client", "Client authentication failed.",
                clients.known(clientId) ? clientId : null);
    }

    /** The form parameters (body only, each at most once, RFC 6749 §3.2). */
    private static Map<String, String> form(HttpServletRequest request, String client) {
        if (request.getQueryString() != null) {
            throw new TokenRequestException(HttpStatus.BAD_REQUEST, "invalid_request",
                    "Parameters go in the form body, not the query string.", client);
        }
        Map<String, String> form = new LinkedHashMap<>();
        request.getParameterMap().forEach((name, values) -> {
            if (values.length != 1) {
                throw new TokenRequestException(HttpStatus.BAD_REQUEST, "invalid_request",
                        "Each parameter may appear once.", client);
            }
            form.put(name, values[0]);
        });
        return form;
    }

    @ExceptionHandler(TokenRequestException.class)
    ResponseEntity<ProblemDetail> refused(TokenRequestException ex, HttpServletRequest request) {
        count(ex.error, ex.client);
        boolean unauthorized = ex.status == HttpStatus.UNAUTHORIZED;
        ProblemDetail problem = ServletProblems.problem(ex.status, unauthorized ? INVALID_CLIENT : INVALID_TOKEN_REQUEST,
                ex.getMessage(), request);
        problem.setProperty("error", ex.error);
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(ex.status)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).cacheControl(CacheControl.noStore())
                .header(HttpHeaders.PRAGMA, "no-cache");
        if (unauthorized) {
            answer.header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"smartlink\"");
        }
        return answer.body(problem);
    }

    /** {@code smartlink_users_service_tokens_total{outcome, client}}; client only for registered ids. */
    private void count(String outcome, String client) {
        meters.counter("smartlink.users.service.tokens", "outcome", outcome, "client",
                clients.known(client) ? client : "unknown").increment();
    }
}
