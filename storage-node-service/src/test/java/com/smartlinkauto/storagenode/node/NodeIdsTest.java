package com.smartlinkauto.storagenode.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class NodeIdsTest {

    @Test
    void aStatefulSetPodNameCarriesTheOrdinal() {
        assertThat(NodeIds.ordinal("storage-node-2", "storage-node")).hasValue(2);
        assertThat(NodeIds.ordinal("storage-node-0.storage-node.smartlink.svc.cluster.local", "storage-node")).hasValue(0);
        assertThat(NodeIds.ordinal("STORAGE-NODE-17", "storage-node")).hasValue(17);
        assertThat(NodeIds.ordinal("storage-node", "storage-node")).isEmpty();
        assertThat(NodeIds.ordinal("storage-node-x", "storage-node")).isEmpty();
        assertThat(NodeIds.ordinal("other-storage-node-1", "storage-node")).isEmpty();
        assertThat(NodeIds.ordinal("3f9a2c1b7d4e", "storage-node")).isEmpty(); // a compose container id
        assertThat(NodeIds.ordinal("my-laptop-12", "storage-node")).isEmpty();
        assertThat(NodeIds.ordinal(null, "storage-node")).isEmpty();
    }

    @Test
    void aConfiguredIdWinsThenTheOrdinalThenTheDataDirectory() {
        assertThat(NodeIds.declaredId("node-7", OptionalInt.of(2))).hasValue("node-7");
        assertThat(NodeIds.declaredId("", OptionalInt.of(2))).hasValue("node-2");
        assertThat(NodeIds.declaredId(" ", OptionalInt.empty())).isEmpty();
    }

    @Test
    void zonesFollowTheOrdinalRoundRobinUnlessConfigured() {
        List<String> zones = List.of("a", "b", "c");
        assertThat(NodeIds.zone("b", OptionalInt.of(0), zones)).isEqualTo("b");
        assertThat(NodeIds.zone("", OptionalInt.of(0), zones)).isEqualTo("a");
        assertThat(NodeIds.zone("", OptionalInt.of(4), zones)).isEqualTo("b");
        assertThat(NodeIds.zone("", OptionalInt.empty(), zones)).isEqualTo("a");
    }

    @Test
    void localDataDirectoriesLiveUnderDotSmartlink() {
        Path work = Path.of("/repo");
        assertThat(NodeIds.dataDir("", Optional.of("node-1"), 9101, work)).isEqualTo(Path.of("/repo/.smartlink/storage/node-1"));
        assertThat(NodeIds.dataDir("", Optional.empty(), 9102, work)).isEqualTo(Path.of("/repo/.smartlink/storage/port-9102"));
        assertThat(NodeIds.dataDir("/var/lib/smartlink/chunks", Optional.of("node-1"), 9101, work))
                .isEqualTo(Path.of("/var/lib/smartlink/chunks"));
        assertThat(NodeIds.dataDir("data/n1", Optional.empty(), 9101, work)).isEqualTo(Path.of("/repo/data/n1"));
    }

    @Test
    void generatedIdsAreValidAndDistinct() {
        SplittableRandom random = new SplittableRandom(1);
        String one = NodeIds.generate(random);
        String two = NodeIds.generate(random);
        assertThat(one).matches("node-[0-9a-f]{8}").isNotEqualTo(two);
        assertThat(NodeIds.isValid(one)).isTrue();
        assertThat(NodeIds.isValid("Node_1")).isFalse();
        assertThat(NodeIds.isValid("-node")).isFalse();
    }
}
