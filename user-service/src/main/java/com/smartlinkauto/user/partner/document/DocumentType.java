package com.smartlinkauto.user.partner.document;

/** What a partner document proves. Stored by name: never rename one. */
public enum DocumentType {
    DRIVER_LICENCE, INSURANCE, OWNERSHIP
}
