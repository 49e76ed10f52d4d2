package com.smartlinkauto.storagenode.node;

import java.nio.file.Path;

/**
 * Who this node is: its stable id, its zone and the directory its chunks live in.
 *
 * @param source where the id came from: {@code configured}, {@code statefulset-ordinal},
 *               {@code data-dir} (persisted) or {@code generated} (first start, now persisted)
 */
public record NodeIdentity(String id, String zone, Path dataDir, String source) {
}
