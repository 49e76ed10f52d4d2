package com.smartlinkauto.user.account;

import java.util.List;

import com.smartlinkauto.servicedefaults.validation.CleanText;
import com.smartlinkauto.user.web.CrossFieldChecks;
import com.smartlinkauto.user.web.Inputs;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * Body of {@code POST /api/auth/register} and {@code POST /api/partners}. There is no role field: the
 * endpoint decides the role, and unknown fields are rejected. Email is normalised, names and phone
 * are trimmed before validation.
 */
@CrossFieldChecks
public record SignUpRequest(
        @NotBlank @CleanText(max = Inputs.EMAIL_MAX) @Email(regexp = Inputs.EMAIL) String email,
        @NotNull String password,
        @NotBlank @CleanText(max = Inputs.NAME_MAX) String firstName,
        @NotBlank @CleanText(max = Inputs.NAME_MAX) String lastName,
        @NotBlank @Pattern(regexp = Inputs.PHONE_E164, message = "must be in E.164 format, e.g. +14155550123")
        String phoneNumber) implements CrossFieldChecks.Checked {

    public SignUpRequest {
        email = Inputs.normalizeEmail(email);
        firstName = Inputs.trim(firstName);
        lastName = Inputs.trim(lastName);
        phoneNumber = Inputs.trim(phoneNumber);
    }

    @Override
    public List<CrossFieldChecks.FieldProblem> crossFieldProblems() {
        if (password == null) {
            return List.of();
        }
        return PasswordPolicy.problem(password, email)
                .map(message -> List.of(new CrossFieldChecks.FieldProblem("password", message)))
                .orElse(List.of());
    }

    @Override
    public String toString() {
        return "SignUpRequest[email=" + email + "]";
    }
}
