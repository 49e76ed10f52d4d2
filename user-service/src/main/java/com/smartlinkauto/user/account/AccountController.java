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

import com.smartlinkauto.user.auth.ClientAddressResolver;
import com.smartlinkauto.user.security.CurrentUser;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;

@RestController
@Tag(name = "Accounts")
class AccountController {

    private final AccountService accounts;
    private final ClientAddressResolver clientAddress;

    AccountController(AccountService accounts, ClientAddressResolver clientAddress) {
        this.accounts = accounts;
        this.clientAddress = clientAddress;
    }

    @PostMapping("/api/auth/register")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Sign up as a renter")
    UserResponse register(@Valid @RequestBody SignUpRequest request) {
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
    @Operation(summary = "Change the caller's password; ends all their sessions")
    void changePassword(@AuthenticationPrincipal Jwt jwt, @Valid @RequestBody ChangePasswordRequest request,
            HttpServletRequest http) {
        accounts.changePassword(CurrentUser.id(jwt), request, clientAddress.resolve(http));
    }
}
