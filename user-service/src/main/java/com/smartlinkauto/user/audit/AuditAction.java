package com.smartlinkauto.user.audit;

/** What an audit row records. Stored by name: never rename one. */
public enum AuditAction {
    /** A partner's verification status changed (admin decision or the partner's resubmission). */
    PARTNER_VERIFICATION_CHANGED,
    /** The configured admin account was created. */
    ADMIN_BOOTSTRAPPED,
    /** An existing account with the configured admin email was given ADMIN. */
    ADMIN_ROLE_GRANTED,
    /** The configured admin's password was reset to the configured one. */
    ADMIN_PASSWORD_RESET,
    /** A new token signing key replaced the active one. */
    SIGNING_KEY_ROTATED,
    /** A partner uploaded a verification document (subject: the partner; to: the document type). */
    PARTNER_DOCUMENT_UPLOADED,
    /** A partner deleted one of their documents (subject: the partner; from: the document type). */
    PARTNER_DOCUMENT_DELETED
}
