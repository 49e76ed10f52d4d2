package com.smartlinkauto.user.account;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Body of {@code POST /api/users/me/password}. The new password is judged by {@link PasswordPolicy}. */
public record ChangePasswordRequest(@NotNull @Size(max = 1000) String currentPassword,
        @NotNull @Size(max = 1000) String newPassword) {

    @Override
    public String toString() {
        return "ChangePasswordRequest[***]";
    }
}
