package com.smartlinkauto.user.account;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What makes a password acceptable: at least 10 characters, at most 72 bytes (BCrypt reads no more),
 * and not trivially guessable. "Trivially guessable" is a shipped list of common passwords, the same
 * with digits and symbols around a common word ({@code Password123!}), repetitive or sequential
 * strings, and passwords containing the account's email name. Length beats composition rules
 * (NIST SP 800-63B), so there are none of those.
 */
public final class PasswordPolicy {

    public static final int MIN_LENGTH = 10;
    public static final int MAX_BYTES = 72;

    private static final Lists LISTS = Lists.load();

    private PasswordPolicy() {
    }

    /** Why the password is not acceptable, or empty when it is. {@code email} may be null. */
    public static Optional<String> problem(String password, String email) {
        if (password == null) {
            return Optional.of("must not be null");
        }
        if (password.codePointCount(0, password.length()) < MIN_LENGTH) {
            return Optional.of("must be at least " + MIN_LENGTH + " characters long");
        }
        if (tooLong(password)) {
            return Optional.of("must be at most " + MAX_BYTES + " bytes long");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (LISTS.common.contains(lower) || LISTS.words.contains(core(lower))) {
            return Optional.of("is too common");
        }
        if (password.codePoints().distinct().count() < 4) {
            return Optional.of("is too repetitive");
        }
        if (isSequence(lower)) {
            return Optional.of("is a simple sequence");
        }
        if (email != null) {
            String local = email.toLowerCase(Locale.ROOT);
            int at = local.indexOf('@');
            local = at > 0 ? local.substring(0, at) : local;
            if (lower.contains(email.toLowerCase(Locale.ROOT)) || (local.length() >= 4 && lower.contains(local))) {
                return Optional.of("must not contain your email address");
            }
        }
        return Optional.empty();
    }

    /** True when BCrypt could not use the whole password. */
    public static boolean tooLong(String password) {
        return password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES;
    }

    /** The password without leading and trailing digits, symbols and spaces: {@code !!welcome2024} → {@code welcome}. */
    static String core(String lower) {
        int start = 0;
        int end = lower.length();
        while (start < end && !Character.isLetter(lower.charAt(start))) {
            start++;
        }
        while (end > start && !Character.isLetter(lower.charAt(end - 1))) {
            end--;
        }
        return lower.substring(start, end);
    }

    /** Every character one above (or one below) the previous one: {@code 0123456789}, {@code jihgfedcba}. */
    static boolean isSequence(String lower) {
        int[] points = lower.codePoints().toArray();
        int step = points[1] - points[0];
        if (step != 1 && step != -1) {
            return false;
        }
        for (int i = 2; i < points.length; i++) {
            if (points[i] - points[i - 1] != step) {
                return false;
            }
        }
        return true;
    }

    private record Lists(Set<String> common, Set<String> words) {

        static Lists load() {
            Set<String> common = new HashSet<>();
            Set<String> words = new HashSet<>();
            try (InputStream in = PasswordPolicy.class.getResourceAsStream("/passwords/common-passwords.txt")) {
                if (in == null) {
                    throw new IllegalStateException("passwords/common-passwords.txt is missing from the class path");
                }
                var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
                Set<String> target = common;
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    String entry = line.strip();
                    if (entry.equals("# words")) {
                        target = words;
                    }
                    if (!entry.isEmpty() && !entry.startsWith("#")) {
                        target.add(entry.toLowerCase(Locale.ROOT));
                    }
                }
            }
            catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
            return new Lists(Set.copyOf(common), Set.copyOf(words));
        }
    }
}
