package com.smartlinkauto.user.partner;

import java.util.UUID;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.smartlinkauto.user.account.UserResponse;
import com.smartlinkauto.user.security.CurrentUser;
import com.smartlinkauto.user.web.PageResponse;
import com.smartlinkauto.user.web.Paging;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

@RestController
@Tag(name = "Admin")
class AdminPartnerController {

    private final PartnerVerificationService verification;

    AdminPartnerController(PartnerVerificationService verification) {
        this.verification = verification;
    }

    @GetMapping("/api/admin/partners/pending")
    @Operation(summary = "Partners waiting for verification, oldest first")
    PageResponse<UserResponse> pending(@RequestParam(defaultValue = "0") @Min(0) @Max(Paging.MAX_PAGE) int page,
            @RequestParam(defaultValue = Paging.DEFAULT_SIZE) @Min(1) @Max(Paging.MAX_SIZE) int size) {
        return PageResponse.of(verification.pending(page, size), UserResponse::of);
    }

    @PatchMapping("/api/admin/partners/{id}/verification")
    @Operation(summary = "Verify or reject (suspend) a partner; a rejection needs a reason")
    UserResponse decide(@PathVariable UUID id, @Valid @RequestBody VerificationChangeRequest request,
            @AuthenticationPrincipal Jwt jwt) {
        return verification.decide(id, request, CurrentUser.id(jwt));
    }
}
