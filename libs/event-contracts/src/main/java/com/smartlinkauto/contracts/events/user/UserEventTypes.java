package com.smartlinkauto.contracts.events.user;

import java.util.Set;

/** The {@code type} values of the envelopes this service publishes to {@code user.events}. */
public final class UserEventTypes {

    public static final String USER_REGISTERED = "UserRegistered";
    public static final String PARTNER_REGISTERED = "PartnerRegistered";
    public static final String PARTNER_VERIFICATION_CHANGED = "PartnerVerificationChanged";

    public static final Set<String> ALL = Set.of(USER_REGISTERED, PARTNER_REGISTERED, PARTNER_VERIFICATION_CHANGED);

    private UserEventTypes() {
    }
}
