package com.smartlinkauto.user.keys;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts signing keys' private halves at rest with AES-256-GCM under a key derived (PBKDF2-HMAC-SHA256)
 * from the configured secret. The key id is bound as associated data, so a ciphertext cannot be moved
 * to another row. Without a secret, keys are stored as they are ({@value #NONE}).
 */
class PrivateKeyProtector {

    static final String AES_GCM = "AES256-GCM";
    static final String NONE = "NONE";

    private static final byte[] SALT = "smartlink/user-service/signing-keys/v1".getBytes(StandardCharsets.UTF_8);
    private static final int ITERATIONS = 210_000;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKey key;
    private final SecureRandom random = new SecureRandom();

    PrivateKeyProtector(String secret) {
        this.key = secret == null || secret.isBlank() ? null : derive(secret);
    }

    boolean encrypts() {
        return key != null;
    }

    record Protected(String protection, byte[] data) {
    }

    Protected protect(byte[] plain, String kid) {
        if (key == null) {
            return new Protected(NONE, plain.clone());
        }
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(kid.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plain);
            return new Protected(AES_GCM, ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array());
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException("Could not encrypt signing key " + kid, ex);
        }
    }

    byte[] unprotect(String protection, byte[] data, String kid) {
        if (NONE.equals(protection)) {
            return data.clone();
        }
        if (!AES_GCM.equals(protection)) {
            throw new IllegalStateException("Signing key " + kid + " has an unknown protection: " + protection);
        }
        if (key == null) {
            throw new IllegalStateException("Signing key " + kid + " is encrypted but no secret is configured: set "
                    + "SMARTLINK_KEYS_ENCRYPTION_SECRET (smartlink.users.keys.encryption-secret)");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, data, 0, NONCE_BYTES));
            cipher.updateAAD(kid.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(Arrays.copyOfRange(data, NONCE_BYTES, data.length));
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException("Could not decrypt signing key " + kid
                    + ": the configured encryption secret is not the one it was stored with", ex);
        }
    }

    private static SecretKey derive(String secret) {
        try {
            PBEKeySpec spec = new PBEKeySpec(secret.toCharArray(), SALT, ITERATIONS, 256);
            byte[] bytes = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
            spec.clearPassword();
            return new SecretKeySpec(bytes, "AES");
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException("Could not derive the signing-key encryption key", ex);
        }
    }
}
