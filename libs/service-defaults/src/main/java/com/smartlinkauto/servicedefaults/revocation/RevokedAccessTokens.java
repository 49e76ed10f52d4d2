package com.smartlinkauto.servicedefaults.revocation;

import java.util.regex.Pattern;

/**
 * The access-token deny list shared by user-service (which writes it) and the gateway (which checks every
 * bearer token against it): one Redis key per revoked token's {@code jti}, expiring when the token would
 * have expired anyway (plus the validators' clock skew), so the list never holds more than the tokens of
 * the last access-token lifetime.
 */
public final class RevokedAccessTokens {

    /** Redis key prefix; the rest of the key is the token's {@code jti}. */
    public static final String KEY_PREFIX = "smartlink:revoked-access-token:";

    /** What a {@code jti} of ours looks like (a UUID); anything else is never looked up or written. */
    private static final Pattern JTI = Pattern.compile("[0-9A-Za-z-]{1,64}");

    private RevokedAccessTokens() {
    }

    public static boolean isValidJti(String jti) {
        return jti != null && JTI.matcher(jti).matches();
    }

    /** The Redis key of a {@code jti}. */
    public static String key(String jti) {
        if (!isValidJti(jti)) {
            throw new IllegalArgumentException("not a token id");
        }
        return KEY_PREFIX + jti;
    }
}
