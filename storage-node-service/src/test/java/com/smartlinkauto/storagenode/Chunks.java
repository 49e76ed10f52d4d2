package com.smartlinkauto.storagenode;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/** Test chunks: random bytes (a fresh seed per call, so every test stores new chunks) and their ids. */
public final class Chunks {

    private static final AtomicLong SEEDS = new AtomicLong(System.nanoTime());

    private Chunks() {
    }

    public static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new SplittableRandom(SEEDS.incrementAndGet()).nextBytes(bytes);
        return bytes;
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
