package com.smartlinkauto.user.account;

import java.util.Locale;

/** Turns a user's search text into a LIKE pattern that matches it literally. */
public final class Search {

    private Search() {
    }

    /** {@code 50%_off} → {@code %50\%\_off%}: the text's own wildcards and escapes match themselves. */
    public static String containsPattern(String text) {
        String lower = text.strip().toLowerCase(Locale.ROOT);
        StringBuilder pattern = new StringBuilder(lower.length() + 2).append('%');
        for (char c : lower.toCharArray()) {
            if (c == '\\' || c == '%' || c == '_') {
                pattern.append('\\');
            }
            pattern.append(c);
        }
        return pattern.append('%').toString();
    }
}
