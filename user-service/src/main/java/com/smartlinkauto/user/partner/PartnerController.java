package com.smartlinkauto.user.partner;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import com.smartlinkauto.user.account.AccountService;
import com.smartlinkauto.user.account.Role;
import com.smartlinkauto.user.account.SignUpRequest;
import com.smartlinkauto.user.account.UserResponse;
import com.smartlinkauto.user.throttle.ClientAddressResolver;
import com.smartlinkauto.user.security.CurrentUser;
import com.smartlinkauto.user.throttle.SignUpThrottle;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;

@RestController
@Tag(name = "Partners")
class PartnerController {

    private final AccountService accounts;
    private final PartnerVerificationService verification;
    private final ClientAddressResolver clientAddress;
    private final SignUpThrottle signUpThrottle;

    PartnerController(AccountService accounts, PartnerVerificationService verification,
            ClientAddressResolver clientAddress, SignUpThrottle signUpThrottle) {
        this.accounts = accounts;
        this.verification = verification;
        this.clientAddress = clientAddress;
        this.signUpThrottle = signUpThrottle;
    }

    @PostMapping("/api/partners")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Sign up as a partner (verification starts PENDING)",
            description = SignUpThrottle.OPENAPI_DESCRIPTION)
    UserResponse register(@Valid @RequestBody SignUpRequest request, HttpServletRequest http) {
        signUpThrottle.acquire(clientAddress.resolve(http));
        return accounts.register(request, Role.PARTNER);
    }

    @PostMapping("/api/partners/me/resubmit")
    @Operation(summary = "Ask for review again after a rejection (REJECTED → PENDING)")
    UserResponse resubmit(@AuthenticationPrincipal Jwt jwt) {
        return verification.resubmit(CurrentUser.id(jwt));
    }
}
