package com.smartlinkauto.vehicle.catalog;

/** Who suspended a SUSPENDED vehicle, and so what lifts the suspension. */
public enum SuspensionCause {
    /** An admin; only an admin lifts it. */
    ADMIN,
    /** The partner lost verification; lifted when the partner is verified again. */
    PARTNER
}
