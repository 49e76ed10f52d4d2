package com.smartlinkauto.user.auth;

import com.smartlinkauto.servicedefaults.validation.CleanText;
import com.smartlinkauto.user.web.Inputs;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Body of {@code POST /api/auth/login}. The email's format is not checked: a wrong one is just a failed login. */
public record LoginRequest(@NotBlank @CleanText(max = Inputs.EMAIL_MAX) String email,
        @NotNull @Size(min = 1, max = 1000) String password) {

    public LoginRequest {
        email = Inputs.normalizeEmail(email);
    }

    @Override
    public String toString() {
        return "LoginRequest[email=" + email + "]";
    }
}
