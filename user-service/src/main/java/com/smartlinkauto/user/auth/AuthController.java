package com.smartlinkauto.user.auth;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import com.smartlinkauto.user.throttle.ClientAddressResolver;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;

@RestController
@RequestMapping("/api/auth")
@Tag(name = "Authentication")
class AuthController {

    private final AuthService auth;
    private final ClientAddressResolver clientAddress;

    AuthController(AuthService auth, ClientAddressResolver clientAddress) {
        this.auth = auth;
        this.clientAddress = clientAddress;
    }

    @PostMapping("/login")
    @Operation(summary = "Exchange email and password for an access token and a refresh token",
            description = "Failed attempts are budgeted per account (5 / 15 min) and per client address "
                    + "(20 / 15 min): an empty budget is 429 rate-limited with Retry-After. When the budgets cannot be "
                    + "checked (Redis unreachable) the answer is 503 service-unavailable with Retry-After and no "
                    + "password is checked.")
    TokenResponse login(@Valid @RequestBody LoginRequest request, HttpServletRequest http) {
        return auth.login(request, clientAddress.resolve(http));
    }

    @PostMapping("/refresh")
    @Operation(summary = "Exchange a refresh token for new tokens (the refresh token rotates)",
            description = "The access token issued together with the spent refresh token is revoked: the gateway "
                    + "refuses it (401) from then on. Presenting a spent refresh token revokes its whole session.")
    TokenResponse refresh(@Valid @RequestBody RefreshTokenRequest request) {
        return auth.refresh(request.refreshToken());
    }

    @PostMapping("/logout")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "End the session the refresh token belongs to",
            description = "Revokes the session's refresh tokens and the access tokens issued with them: the "
                    + "gateway refuses those access tokens (401) from then on.")
    void logout(@Valid @RequestBody RefreshTokenRequest request) {
        auth.logout(request.refreshToken());
    }
}
