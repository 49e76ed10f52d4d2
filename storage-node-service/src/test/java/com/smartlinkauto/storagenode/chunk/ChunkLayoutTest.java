package com.smartlinkauto.storagenode.chunk;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class ChunkLayoutTest {

    final ChunkLayout layout = new ChunkLayout(Path.of("/data/chunks"), Path.of("/data/tmp"), Path.of("/data/quarantine"));
    final ChunkId id = new ChunkId("abcd" + "0".repeat(60));

    @Test
    void chunksFanOutByTheirFirstTwoBytes() {
        assertThat(layout.pathOf(id)).isEqualTo(Path.of("/data/chunks/ab/cd/" + id.value()));
        assertThat(ChunkLayout.relativePath(id)).isEqualTo("ab/cd/" + id.value());
    }

    @Test
    void everyWriterGetsItsOwnTempFileInTmp() {
        Path one = layout.newTempFile(id);
        Path two = layout.newTempFile(id);
        assertThat(one).isNotEqualTo(two);
        assertThat(one.getParent()).isEqualTo(Path.of("/data/tmp"));
        assertThat(one.getFileName().toString()).startsWith(id.value()).endsWith(".part");
    }

    @Test
    void aQuarantinedCopyKeepsItsIdAndWhen() {
        assertThat(layout.quarantinePath(id, Instant.ofEpochMilli(1234)))
                .isEqualTo(Path.of("/data/quarantine/" + id.value() + ".1234"));
    }
}
