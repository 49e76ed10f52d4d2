package com.smartlinkauto.storagenode.chunk;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The chunks this node holds, id → size, sorted by id: the source of chunk counts, listings
 * (cursor-paged by id) and full reports, kept in memory like a DataNode's replica map (~150 bytes per
 * chunk: a million 4 MiB chunks, i.e. 4 TiB, cost ~150 MB of heap). The filesystem stays the truth
 * for reads: a chunk missing on disk is dropped from here when a read finds it gone.
 */
final class ChunkIndex {

    private final ConcurrentSkipListMap<String, Long> sizes = new ConcurrentSkipListMap<>();

    /** @return the size previously recorded, or null */
    Long put(ChunkId id, long size) {
        return sizes.put(id.value(), size);
    }

    /** @return the size recorded, or null when the chunk was not indexed */
    Long remove(ChunkId id) {
        return sizes.remove(id.value());
    }

    int count() {
        return sizes.size();
    }

    /** Up to {@code limit} chunks with ids greater than {@code after} (null: from the start), in id order. */
    List<ChunkEntry> page(String after, int limit) {
        ConcurrentNavigableMap<String, Long> tail = after == null ? sizes : sizes.tailMap(after, false);
        List<ChunkEntry> page = new ArrayList<>(Math.min(limit, 1024));
        for (Map.Entry<String, Long> e : tail.entrySet()) {
            if (page.size() == limit) {
                break;
            }
            page.add(new ChunkEntry(e.getKey(), e.getValue()));
        }
        return page;
    }

    List<ChunkEntry> all() {
        List<ChunkEntry> all = new ArrayList<>(sizes.size());
        sizes.forEach((id, size) -> all.add(new ChunkEntry(id, size)));
        return all;
    }
}
