package com.smartlinkauto.user.account;

/**
 * A partner's verification status, the platform's quality gate, and the transitions allowed between
 * them:
 * <pre>
 *   PENDING  → VERIFIED | REJECTED   (admin)
 *   VERIFIED → REJECTED              (admin: suspension)
 *   REJECTED → PENDING               (the partner resubmits)
 * </pre>
 * Moving to REJECTED needs a reason. Everything else is illegal.
 */
public enum VerificationStatus {

    PENDING, VERIFIED, REJECTED;

    /** Who asks for a transition; the same pair of states can be legal for one and not the other. */
    public enum Actor {
        ADMIN, PARTNER
    }

    public boolean canMoveTo(VerificationStatus target, Actor actor) {
        return switch (actor) {
            case ADMIN -> (this == PENDING && (target == VERIFIED || target == REJECTED))
                    || (this == VERIFIED && target == REJECTED);
            case PARTNER -> this == REJECTED && target == PENDING;
        };
    }

    public static boolean requiresReason(VerificationStatus target) {
        return target == REJECTED;
    }
}
