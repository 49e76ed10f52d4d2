package com.smartlinkauto.user.account;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import com.smartlinkauto.user.throttle.ClientAddressResolver;
import com.smartlinkauto.user.security.CurrentUser;
import com.smartlinkauto.user.throttle.SignUpThrottle;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;

@RestController
@Tag(name = "Accounts")
class AccountController {

    private final AccountService accounts;
    private final ClientAddressResolver clientAddress;
    private final SignUpThrottle signUpThrottle;

    AccountController(AccountService accounts, ClientAddressResolver clientAddress, SignUpThrottle signUpThrottle) {
        this.accounts = accounts;
        this.clientAddress = clientAddress;
        this.signUpThrottle = signUpThrottle;
    }

    @PostMapping("/api/auth/register")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Sign up as a renter", description = SignUpThrottle.OPENAPI_DESCRIPTION)
    UserResponse register(@Valid @RequestBody SignUpRequest request, HttpServletRequest http) {
        signUpThrottle.acquire(clientAddress.resolve(http));
        return accounts.register(request, Role.RENTER);
    }

    @GetMapping("/api/users/me")
    @Operation(summary = "The caller's account")
    UserResponse me(@AuthenticationPrincipal Jwt jwt) {
        return accounts.get(CurrentUser.id(jwt));
    }

    @PatchMapping("/api/users/me")
    @Operation(summary = "Change the caller's names or phone number")
    UserResponse update(@AuthenticationPrincipal Jwt jwt, @Valid @RequestBody UpdateProfileRequest request) {
        return accounts.update(CurrentUser.id(jwt), request);
    }

    @PostMapping("/api/users/me/password")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Change the caller's password; ends all their sessions",
            description = "Revokes every refresh token of the account and puts the access tokens issued with them "
                    + "(this request's included) on the gateway's deny list: they are refused from then on.")
    void changePassword(@AuthenticationPrincipal Jwt jwt, @Valid @RequestBody ChangePasswordRequest request,
            HttpServletRequest http) {
        accounts.changePassword(CurrentUser.id(jwt), request, clientAddress.resolve(http));
    }
}
