package com.smartlinkauto.storagenode.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirectoryTest {

    @TempDir
    Path root;

    @Test
    void aGeneratedIdIsPersistedAndReused() throws Exception {
        String id;
        try (DataDirectory dir = DataDirectory.open(root.resolve("n"), Optional.empty())) {
            id = dir.nodeId();
            assertThat(dir.idGenerated()).isTrue();
            assertThat(dir.chunks()).isDirectory();
            assertThat(dir.tmp()).isDirectory();
            assertThat(dir.quarantine()).isDirectory();
        }
        try (DataDirectory dir = DataDirectory.open(root.resolve("n"), Optional.empty())) {
            assertThat(dir.nodeId()).isEqualTo(id);
            assertThat(dir.idGenerated()).isFalse();
        }
        try (DataDirectory dir = DataDirectory.open(root.resolve("n"), Optional.of(id))) {
            assertThat(dir.nodeId()).isEqualTo(id);
        }
    }

    @Test
    void aDirectoryBelongsToOneNode() throws Exception {
        DataDirectory.open(root, Optional.of("node-1")).close();
        assertThatThrownBy(() -> DataDirectory.open(root, Optional.of("node-2")))
                .hasMessageContaining("belongs to node 'node-1'");
    }

    @Test
    void aDirectoryServesOneProcessAtATime() throws Exception {
        try (DataDirectory held = DataDirectory.open(root, Optional.of("node-1"))) {
            assertThatThrownBy(() -> DataDirectory.open(root, Optional.of("node-1"))).hasMessageContaining("in use");
        }
        DataDirectory.open(root, Optional.of("node-1")).close(); // released
    }

    @Test
    void partialChunksOfAnInterruptedRunAreRemoved() throws Exception {
        Files.createDirectories(root.resolve("tmp"));
        Files.write(root.resolve("tmp/abc.part"), new byte[10]);
        try (DataDirectory dir = DataDirectory.open(root, Optional.of("node-1"))) {
            assertThat(dir.tmp()).isEmptyDirectory();
        }
    }

    @Test
    void aCorruptIdFileStopsTheStart() throws Exception {
        Files.writeString(root.resolve("node-id"), "Not An Id\n");
        assertThatThrownBy(() -> DataDirectory.open(root, Optional.empty())).hasMessageContaining("invalid id");
    }
}
