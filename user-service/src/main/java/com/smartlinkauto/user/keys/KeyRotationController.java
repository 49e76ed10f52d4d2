package com.smartlinkauto.user.keys;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import com.smartlinkauto.user.security.CurrentUser;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@Tag(name = "Admin")
class KeyRotationController {

    private final SigningKeyStore keys;

    KeyRotationController(SigningKeyStore keys) {
        this.keys = keys;
    }

    @PostMapping("/api/admin/keys/rotate")
    @Operation(summary = "Replace the token signing key now; tokens signed by the old one stay valid until they expire")
    SigningKeyStore.Rotation rotate(@AuthenticationPrincipal Jwt jwt) {
        return keys.rotate(CurrentUser.id(jwt));
    }
}
