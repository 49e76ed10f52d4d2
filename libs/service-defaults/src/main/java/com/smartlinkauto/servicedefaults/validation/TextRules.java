package com.smartlinkauto.servicedefaults.validation;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;

/**
 * The platform's rules for text a client sends, shared by {@link CleanText} (request records and
 * parameters) and {@link InputChecks} (values parsed by hand).
 *
 * <ul>
 * <li>No control characters: C0 ({@code U+0000–U+001F}, NUL in particular, which PostgreSQL cannot
 * store), DEL and C1 ({@code U+007F–U+009F}); in multi-line fields tab, line feed and carriage return
 * are allowed.</li>
 * <li>No line or paragraph separators ({@code U+2028}, {@code U+2029}) outside multi-line fields.</li>
 * <li>No bidirectional embeddings, overrides or isolates ({@code U+202A–U+202E}, {@code U+2066–U+2069}):
 * they make text display in another order than it is stored ("Trojan Source").</li>
 * <li>No unpaired surrogates and no non-characters {@code U+FFFE}/{@code U+FFFF}: they have no
 * UTF-8 form and would be silently replaced on the way to the database.</li>
 * <li>A length limit counts Unicode code points (as PostgreSQL's {@code varchar(n)} does) of every form
 * the text may be stored in: as sent, NFC-normalised and, where the service lower-cases it (a search
 * key, an email), lower-cased — {@code "İ".toLowerCase()} is two code points.</li>
 * </ul>
 */
public final class TextRules {

    public static final String CONTROL_CHARACTERS = "must not contain control characters";
    public static final String SEPARATORS = "must not contain line or paragraph separators";
    public static final String BIDI_CONTROLS = "must not contain bidirectional text controls";
    public static final String INVALID_UNICODE = "must be valid Unicode text";

    private TextRules() {
    }

    /** NFC-normalised and stripped of surrounding white space; null stays null. */
    public static String normalize(String value) {
        return value == null ? null : nfc(value).strip();
    }

    /** NFC-normalised; null stays null. */
    public static String nfc(String value) {
        if (value == null || Normalizer.isNormalized(value, Normalizer.Form.NFC)) {
            return value;
        }
        return Normalizer.normalize(value, Normalizer.Form.NFC);
    }

    /**
     * What is wrong with {@code value}, or empty when it is acceptable (null is acceptable: presence is
     * {@code @NotNull}'s business).
     *
     * @param maxLength  the most code points any stored form may have; {@code Integer.MAX_VALUE} for none
     * @param multiline  whether tab, line feed and carriage return are allowed
     * @param lowerCased whether the service lower-cases the text before it stores or compares it
     */
    public static Optional<String> problem(String value, int maxLength, boolean multiline, boolean lowerCased) {
        if (value == null) {
            return Optional.empty();
        }
        Optional<String> characters = characterProblem(value, multiline);
        if (characters.isPresent()) {
            return characters;
        }
        if (maxLength == Integer.MAX_VALUE) {
            return Optional.empty();
        }
        String tooLong = "must be at most " + maxLength + " characters";
        // far longer than any form could shrink to (NFC composes at most a few code points into one)
        if (value.length() > 4L * maxLength + 16) {
            return Optional.of(tooLong);
        }
        String nfc = nfc(value);
        if (length(value) > maxLength || length(nfc) > maxLength) {
            return Optional.of(tooLong);
        }
        if (lowerCased && (length(value.toLowerCase(Locale.ROOT)) > maxLength
                || length(nfc.toLowerCase(Locale.ROOT)) > maxLength)) {
            return Optional.of(tooLong);
        }
        return Optional.empty();
    }

    /** Only the character rules, no length. */
    public static Optional<String> characterProblem(String value, boolean multiline) {
        if (value == null) {
            return Optional.empty();
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return Optional.of(INVALID_UNICODE);
            }
            if (Character.isLowSurrogate(c) || c == '\uFFFE' || c == '\uFFFF') {
                return Optional.of(INVALID_UNICODE);
            }
            if (c < 0x20 || (c >= 0x7F && c <= 0x9F)) {
                if (multiline && (c == '\t' || c == '\n' || c == '\r')) {
                    continue;
                }
                return Optional.of(CONTROL_CHARACTERS);
            }
            if (c == '\u2028' || c == '\u2029') {
                if (!multiline) {
                    return Optional.of(SEPARATORS);
                }
                continue;
            }
            if ((c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069')) {
                return Optional.of(BIDI_CONTROLS);
            }
        }
        return Optional.empty();
    }

    /** Unicode code points, as PostgreSQL counts a {@code varchar}'s characters. */
    public static int length(String value) {
        return value.codePointCount(0, value.length());
    }
}
