package com.smartlinkauto.user.account;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/** An account as clients see it: never a password or hash. Verification fields only for partners. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UserResponse(UUID id, String email, String firstName, String lastName, String phoneNumber,
        List<Role> roles, VerificationStatus verificationStatus, String verificationReason,
        Instant verificationChangedAt, Instant createdAt) {

    public static UserResponse of(UserAccount user) {
        return new UserResponse(user.getId(), user.getEmail(), user.getFirstName(), user.getLastName(),
                user.getPhoneNumber(), user.getRoles().stream().sorted().toList(), user.getVerificationStatus(),
                user.getVerificationReason(), user.getVerificationChangedAt(), user.getCreatedAt());
    }
}
