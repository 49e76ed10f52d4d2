package com.smartlinkauto.storagenode.chunk;

import java.util.HexFormat;
/**
 * A chunk's id: the SHA-256 of its bytes as 64 lowercase hex digits. Content addressing makes every
 * copy verifiable (on write, on read, after a transfer) and every write idempotent.
 */
public record ChunkId(String value) implements Comparable<ChunkId> {

    public static final int HEX_LENGTH = 64;

    public ChunkId {
        if (!isValid(value)) {
            throw new IllegalArgumentException("not a chunk id: " + value);
        }
    }

    /** Exactly 64 characters from {@code 0-9a-f}; upper case is refused so one chunk has one id. */
    public static boolean isValid(String value) {
        if (value == null || value.length() != HEX_LENGTH) {
            return false;
        }
        for (int i = 0; i < HEX_LENGTH; i++) {
            char c = value.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }

    /** The id from a request path; a 400 problem when it is not one. */
    public static ChunkId parse(String value) {
        if (!isValid(value)) {
            throw ChunkProblems.invalidId();
        }
        return new ChunkId(value);
    }

    public static ChunkId ofDigest(byte[] sha256) {
        return new ChunkId(HexFormat.of().formatHex(sha256));
    }

    /** Index of the lock stripe and first fan-out directory: the first byte. */
    int firstByte() {
        return Integer.parseInt(value.substring(0, 2), 16);
    }

    @Override
    public int compareTo(ChunkId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
