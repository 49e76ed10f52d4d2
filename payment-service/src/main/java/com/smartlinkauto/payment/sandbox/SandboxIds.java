package com.smartlinkauto.payment.sandbox;

import java.security.SecureRandom;

/** Random ids in Stripe's alphabet: the session id is the only key to its checkout page, so it must not be guessable. */
final class SandboxIds {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();

    private SandboxIds() {
    }

    /** 24 characters, about 143 bits. */
    static String random() {
        char[] id = new char[24];
        for (int i = 0; i < id.length; i++) {
            id[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return new String(id);
    }
}
