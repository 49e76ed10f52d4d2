package com.smartlinkauto.storage.node;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PlacementTest {

    private static final long GB = 1L << 30;

    static StorageNode node(String id, String zone, long free) {
        return new StorageNode(id, zone, "http://" + id, 2, 4, 10, 100, 10 * GB, 10 * GB - free, free, 0, 0, 0, 0, 0, 0,
                Instant.EPOCH, StorageNode.State.LIVE, StorageNode.AdminState.ACTIVE, Instant.EPOCH, Instant.EPOCH,
                Instant.EPOCH, Instant.EPOCH);
    }

    @Test
    void distinctNodesOneZoneEachWhileZonesLast() {
        List<StorageNode> nodes = List.of(node("a1", "a", GB), node("a2", "a", GB), node("b1", "b", GB),
                node("c1", "c", GB), node("c2", "c", GB));
        Random random = new Random(1);
        for (int i = 0; i < 1000; i++) {
            List<StorageNode> chosen = Placement.choose(nodes, 3, 4096, Set.of(), Set.of(), random);
            assertThat(chosen).hasSize(3);
            assertThat(chosen.stream().map(StorageNode::zone).distinct()).hasSize(3);
            List<StorageNode> five = Placement.choose(nodes, 5, 4096, Set.of(), Set.of(), random);
            assertThat(new HashSet<>(five)).hasSize(5);
            // the first three picks cover the three zones before a zone repeats
            assertThat(five.subList(0, 3).stream().map(StorageNode::zone).distinct()).hasSize(3);
        }
    }

    @Test
    void zonesThatAlreadyHoldACopyComeLast() {
        List<StorageNode> nodes = List.of(node("a1", "a", GB), node("b1", "b", GB), node("c1", "c", GB));
        for (int i = 0; i < 200; i++) {
            List<StorageNode> chosen = Placement.choose(nodes, 1, 1, Set.of("a1"), Set.of("b"), new Random(i));
            assertThat(chosen).extracting(StorageNode::nodeId).containsExactly("c1");
        }
    }

    @Test
    void excludedAndFullNodesAreNeverChosenAndFewerAreReturnedWhenFewerQualify() {
        List<StorageNode> nodes = List.of(node("a1", "a", GB), node("b1", "b", 100), node("c1", "c", GB));
        List<StorageNode> chosen = Placement.choose(nodes, 3, 4096, Set.of("c1"), Set.of(), new Random(3));
        assertThat(chosen).extracting(StorageNode::nodeId).containsExactly("a1");
        assertThat(Placement.choose(List.of(), 3, 1, Set.of(), Set.of(), new Random(3))).isEmpty();
    }

    @Test
    void picksAreWeightedByFreeSpace() {
        List<StorageNode> nodes = List.of(node("big", "a", 9 * GB), node("small", "a", GB));
        Map<String, Integer> counts = new HashMap<>();
        Random random = new Random(42);
        for (int i = 0; i < 10_000; i++) {
            counts.merge(Placement.choose(nodes, 1, 1, Set.of(), Set.of(), random).get(0).nodeId(), 1, Integer::sum);
        }
        // expected 90 % / 10 %
        assertThat(counts.get("big")).isBetween(8_700, 9_300);
        assertThat(counts.get("small")).isBetween(700, 1_300);
    }
}
