package com.smartlinkauto.user.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class PrivateKeyProtectorTest {

    private final byte[] secretKey = "pkcs8-private-key-bytes".getBytes(StandardCharsets.UTF_8);

    @Test
    void encryptsWithAFreshNonceAndDecryptsWithTheSameSecret() {
        PrivateKeyProtector protector = new PrivateKeyProtector("a-long-random-secret");
        PrivateKeyProtector.Protected first = protector.protect(secretKey, "kid-1");
        PrivateKeyProtector.Protected second = protector.protect(secretKey, "kid-1");
        assertThat(first.protection()).isEqualTo("AES256-GCM");
        assertThat(first.data()).isNotEqualTo(second.data());
        assertThat(new String(first.data(), StandardCharsets.ISO_8859_1)).doesNotContain("pkcs8-private-key-bytes");
        assertThat(new PrivateKeyProtector("a-long-random-secret").unprotect(first.protection(), first.data(), "kid-1"))
                .isEqualTo(secretKey);
    }

    @Test
    void aWrongSecretAnotherRowOrNoSecretCannotDecrypt() {
        PrivateKeyProtector.Protected sealed = new PrivateKeyProtector("right").protect(secretKey, "kid-1");
        assertThatThrownBy(() -> new PrivateKeyProtector("wrong").unprotect(sealed.protection(), sealed.data(), "kid-1"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("not the one");
        assertThatThrownBy(() -> new PrivateKeyProtector("right").unprotect(sealed.protection(), sealed.data(), "kid-2"))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new PrivateKeyProtector(null).unprotect(sealed.protection(), sealed.data(), "kid-1"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("SMARTLINK_KEYS_ENCRYPTION_SECRET");
    }

    @Test
    void withoutASecretKeysAreStoredAsTheyAre() {
        PrivateKeyProtector plain = new PrivateKeyProtector(" ");
        assertThat(plain.encrypts()).isFalse();
        PrivateKeyProtector.Protected stored = plain.protect(secretKey, "kid-1");
        assertThat(stored.protection()).isEqualTo("NONE");
        assertThat(plain.unprotect("NONE", stored.data(), "kid-1")).isEqualTo(secretKey);
    }
}
