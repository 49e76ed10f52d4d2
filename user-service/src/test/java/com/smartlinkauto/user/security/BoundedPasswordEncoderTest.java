package com.smartlinkauto.user.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.password.PasswordEncoder;

class BoundedPasswordEncoderTest {

    @Test
    void hashesOnTheBoundedPoolAndStillVerifies() throws Exception {
        Set<String> threads = ConcurrentHashMap.newKeySet();
        PasswordEncoder recording = new PasswordEncoder() {
            @Override
            public String encode(CharSequence raw) {
                threads.add(Thread.currentThread().getName());
                return "h:" + raw;
            }

            @Override
            public boolean matches(CharSequence raw, String encoded) {
                threads.add(Thread.currentThread().getName());
                return encoded.equals("h:" + raw);
            }
        };
        BoundedPasswordEncoder encoder = new BoundedPasswordEncoder(recording, 2);
        List<CompletableFuture<String>> hashes = IntStream.range(0, 50)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> encoder.encode("pw-" + i))).toList();
        assertThat(hashes.stream().map(CompletableFuture::join)).hasSize(50).allMatch(h -> h.startsWith("h:pw-"));
        assertThat(encoder.matches("pw-1", "h:pw-1")).isTrue();
        assertThat(encoder.matches("pw-1", "h:pw-2")).isFalse();
        assertThat(threads).allMatch(name -> name.startsWith("password-hasher-")).hasSizeLessThanOrEqualTo(2);
        encoder.destroy();
    }

    @Test
    void failuresOfTheDelegateSurfaceUnchanged() {
        PasswordEncoder failing = new PasswordEncoder() {
            @Override
            public String encode(CharSequence raw) {
                throw new IllegalArgumentException("too long");
            }

            @Override
            public boolean matches(CharSequence raw, String encoded) {
                return false;
            }
        };
        BoundedPasswordEncoder encoder = new BoundedPasswordEncoder(failing, 1);
        assertThatThrownBy(() -> encoder.encode("x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("too long");
        encoder.destroy();
    }
}
