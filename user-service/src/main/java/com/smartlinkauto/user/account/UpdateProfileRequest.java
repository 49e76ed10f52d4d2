package com.smartlinkauto.user.account;

import com.smartlinkauto.servicedefaults.validation.CleanText;
import com.smartlinkauto.user.web.Inputs;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Body of {@code PATCH /api/users/me}: fields left out (or null) stay as they are. Email and role cannot change here. */
public record UpdateProfileRequest(
        @Size(min = 1) @CleanText(max = Inputs.NAME_MAX) String firstName,
        @Size(min = 1) @CleanText(max = Inputs.NAME_MAX) String lastName,
        @Pattern(regexp = Inputs.PHONE_E164, message = "must be in E.164 format, e.g. +14155550123")
        String phoneNumber) {

    public UpdateProfileRequest {
        firstName = Inputs.trim(firstName);
        lastName = Inputs.trim(lastName);
        phoneNumber = Inputs.trim(phoneNumber);
    }
}
