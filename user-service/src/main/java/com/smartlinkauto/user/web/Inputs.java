package com.smartlinkauto.user.web;

import java.util.Locale;

import com.smartlinkauto.servicedefaults.validation.TextRules;

/**
 * Input rules shared by the request records; the character and length rules of every text are the
 * platform's {@code @CleanText} (service-defaults).
 */
public final class Inputs {

    /** E.164: a plus, a non-zero country code digit, 7 to 15 digits in all. */
    public static final String PHONE_E164 = "^\\+[1-9]\\d{6,14}$";

    /** On top of Bean Validation's {@code @Email}: no spaces and a dot in the domain. */
    public static final String EMAIL = "^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$";

    public static final int NAME_MAX = 100;
    public static final int EMAIL_MAX = 254;
    public static final int REASON_MAX = 500;

    private Inputs() {
    }

    /** NFC-normalised and trimmed: the form names and reasons are checked and stored in. */
    public static String trim(String value) {
        return TextRules.normalize(value);
    }

    /** Emails are compared and stored NFC-normalised, trimmed and lower-cased. */
    public static String normalizeEmail(String value) {
        return value == null ? null : TextRules.normalize(value).toLowerCase(Locale.ROOT);
    }
}
