package com.smartlinkauto.storagenode.status;

import java.util.List;

import com.smartlinkauto.storagenode.chunk.ChunkEntry;

/**
 * One page of the chunks a node holds, in id order.
 *
 * @param items     chunks (id, size)
 * @param nextAfter pass as {@code after} for the next page; null on the last page
 * @param total     chunks held in all
 */
public record ChunkPage(List<ChunkEntry> items, String nextAfter, int total) {
}
