package com.smartlinkauto.storagenode.node;

import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.random.RandomGenerator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a node gets a stable identity, in order of precedence:
 * <ol>
 * <li>configured ({@code smartlink.node.id} / {@code SMARTLINK_NODE_ID});</li>
 * <li>a StatefulSet pod's host name: {@code storage-node-2} (or {@code storage-node-2.storage-node.ns.svc…})
 * → {@code node-2}, stable across rescheduling because the ordinal is;</li>
 * <li>the id kept in {@code <data-dir>/node-id}, generated ({@code node-<8 hex>}) on the first start
 * with that directory (compose replicas, bare hosts).</li>
 * </ol>
 * Pure functions; {@link DataDirectory} does the file part.
 */
public final class NodeIds {

    public static final Pattern VALID = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

    /** Where the data directory of a local (not containerised) node goes unless configured. */
    public static final Path LOCAL_STORAGE_ROOT = Path.of(".smartlink", "storage");

    private NodeIds() {
    }

    public static boolean isValid(String id) {
        return id != null && VALID.matcher(id).matches();
    }

    /** The StatefulSet ordinal in a pod host name ({@code <set>-<n>}, optionally fully qualified). */
    public static OptionalInt ordinal(String hostname, String statefulSetName) {
        if (hostname == null || hostname.isBlank() || statefulSetName == null || statefulSetName.isBlank()) {
            return OptionalInt.empty();
        }
        String label = hostname.trim().toLowerCase();
        int dot = label.indexOf('.');
        if (dot >= 0) {
            label = label.substring(0, dot);
        }
        Matcher m = Pattern.compile(Pattern.quote(statefulSetName.toLowerCase()) + "-(\\d{1,6})").matcher(label);
        return m.matches() ? OptionalInt.of(Integer.parseInt(m.group(1))) : OptionalInt.empty();
    }

    /** The id a StatefulSet ordinal gives: {@code 2} → {@code node-2}. */
    public static String fromOrdinal(int ordinal) {
        return "node-" + ordinal;
    }

    /** The configured id, else the one the host name's StatefulSet ordinal gives; empty: use the data directory's. */
    public static Optional<String> declaredId(String configuredId, OptionalInt ordinal) {
        if (configuredId != null && !configuredId.isBlank()) {
            return Optional.of(configuredId.trim());
        }
        return ordinal.isPresent() ? Optional.of(fromOrdinal(ordinal.getAsInt())) : Optional.empty();
    }

    /** The configured zone, else the StatefulSet ordinal's ({@code zones[n % size]}), else the first. */
    public static String zone(String configuredZone, OptionalInt ordinal, List<String> zones) {
        if (configuredZone != null && !configuredZone.isBlank()) {
            return configuredZone.trim();
        }
        if (zones.isEmpty()) {
            return "default";
        }
        return ordinal.isPresent() ? zones.get(ordinal.getAsInt() % zones.size()) : zones.get(0);
    }

    /**
     * The configured data directory, else {@code .smartlink/storage/<id>} when the id is known
     * before the directory is, else {@code .smartlink/storage/port-<port>} (one directory, hence one
     * persisted id, per local port).
     */
    public static Path dataDir(String configuredDataDir, Optional<String> declaredId, int port, Path workingDir) {
        if (configuredDataDir != null && !configuredDataDir.isBlank()) {
            return workingDir.resolve(configuredDataDir.trim()).toAbsolutePath().normalize();
        }
        String leaf = declaredId.orElse("port-" + port);
        return workingDir.resolve(LOCAL_STORAGE_ROOT).resolve(leaf).toAbsolutePath().normalize();
    }

    /** A new id for a node that has none: {@code node-} and 32 random bits in hex. */
    public static String generate(RandomGenerator random) {
        byte[] bytes = new byte[4];
        random.nextBytes(bytes);
        return "node-" + HexFormat.of().formatHex(bytes);
    }
}
