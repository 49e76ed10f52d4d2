package com.smartlinkauto.storage.node;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Chooses the nodes for new replicas: distinct nodes with room for the chunk, each pick weighted by free
 * space, and a zone that already has a copy only once every zone among the candidates has one.
 */
public final class Placement {

    private Placement() {
    }

    /**
     * @param candidates nodes that may receive replicas (live, active)
     * @param count      how many to choose (fewer when fewer qualify)
     * @param size       bytes each must have free
     * @param exclude    node ids that must not be chosen (they hold or just failed the chunk)
     * @param usedZones  zones that already hold a copy (prefer others)
     * @return the chosen nodes, in pipeline order
     */
    public static List<StorageNode> choose(Collection<StorageNode> candidates, int count, long size,
            Set<String> exclude, Set<String> usedZones, RandomGenerator random) {
        List<StorageNode> pool = new ArrayList<>();
        for (StorageNode node : candidates) {
            if (!exclude.contains(node.nodeId()) && node.freeBytes() >= size) {
                pool.add(node);
            }
        }
        Set<String> zones = new HashSet<>(usedZones);
        List<StorageNode> chosen = new ArrayList<>(count);
        while (chosen.size() < count && !pool.isEmpty()) {
            List<StorageNode> fresh = pool.stream().filter(node -> !zones.contains(node.zone())).toList();
            StorageNode pick = weighted(fresh.isEmpty() ? pool : fresh, random);
            chosen.add(pick);
            zones.add(pick.zone());
            pool.remove(pick);
        }
        return chosen;
    }

    private static StorageNode weighted(List<StorageNode> nodes, RandomGenerator random) {
        double total = 0;
        for (StorageNode node : nodes) {
            total += weight(node);
        }
        double point = random.nextDouble() * total;
        for (StorageNode node : nodes) {
            point -= weight(node);
            if (point < 0) {
                return node;
            }
        }
        return nodes.get(nodes.size() - 1);
    }

    private static double weight(StorageNode node) {
        return Math.max(1.0, (double) node.freeBytes());
    }
}
