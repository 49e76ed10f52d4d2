package com.smartlinkauto.user.account;

/** Platform roles. RENTER and PARTNER come from the sign-up endpoint used; ADMIN only from bootstrap. */
public enum Role {
    RENTER, PARTNER, ADMIN
}
