package com.smartlinkauto.user.web;

import java.util.Locale;

/** Input rules shared by the request records. */
public final class Inputs {

    /** E.164: a plus, a non-zero country code digit, 7 to 15 digits in all. */
    public static final String PHONE_E164 = "^\\+[1-9]\\d{6,14}$";

    /** On top of Bean Validation's {@code @Email}: no spaces and a dot in the domain. */
    public static final String EMAIL = "^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$";

    /** No control characters or line/paragraph separators (NUL in particular breaks PostgreSQL text). */
    public static final String PRINTABLE = "^[^\\p{Cc}\\p{Zl}\\p{Zp}]*$";

    public static final int NAME_MAX = 100;
    public static final int EMAIL_MAX = 254;
    public static final int REASON_MAX = 500;

    private Inputs() {
    }

    public static String trim(String value) {
        return value == null ? null : value.strip();
    }

    /** Emails are compared and stored trimmed and lower-cased. */
    public static String normalizeEmail(String value) {
        return value == null ? null : value.strip().toLowerCase(Locale.ROOT);
    }
}
