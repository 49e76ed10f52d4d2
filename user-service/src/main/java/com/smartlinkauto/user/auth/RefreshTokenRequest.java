package com.smartlinkauto.user.auth;

import com.smartlinkauto.servicedefaults.validation.CleanText;

import jakarta.validation.constraints.NotBlank;

/** Body of {@code POST /api/auth/refresh} and {@code POST /api/auth/logout}. */
public record RefreshTokenRequest(@NotBlank @CleanText(max = 200) String refreshToken) {

    @Override
    public String toString() {
        return "RefreshTokenRequest[***]";
    }
}
