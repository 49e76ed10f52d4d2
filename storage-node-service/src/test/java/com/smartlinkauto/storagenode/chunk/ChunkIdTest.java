package com.smartlinkauto.storagenode.chunk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import com.smartlinkauto.servicedefaults.problem.ApiException;

class ChunkIdTest {

    static final String EMPTY = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    @Test
    void theSha256OfNothingIsAValidId() throws Exception {
        assertThat(ChunkId.isValid(EMPTY)).isTrue();
        assertThat(ChunkId.ofDigest(MessageDigest.getInstance("SHA-256").digest(new byte[0])).value()).isEqualTo(EMPTY);
        assertThat(ChunkId.ofDigest(MessageDigest.getInstance("SHA-256").digest("abc".getBytes(StandardCharsets.UTF_8))))
                .hasToString("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = { "E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855",
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b85",
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b8550",
            "g3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b85 ",
            "../../../../etc/passwd/../../../../../../../../../../../../../..", })
    void anythingElseIsNot(String value) {
        assertThat(ChunkId.isValid(value)).isFalse();
        assertThatThrownBy(() -> ChunkId.parse(value)).isInstanceOfSatisfying(ApiException.class, ex -> {
            assertThat(ex.status().value()).isEqualTo(400);
            assertThat(ex.type()).isEqualTo(ChunkProblems.INVALID_CHUNK_ID);
        });
        assertThatThrownBy(() -> new ChunkId(value)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theFirstByteSelectsTheStripe() {
        assertThat(new ChunkId("ff" + EMPTY.substring(2)).firstByte()).isEqualTo(255);
        assertThat(new ChunkId("00" + EMPTY.substring(2)).firstByte()).isZero();
    }
}
