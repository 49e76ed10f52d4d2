package com.smartlinkauto.storagenode.node;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's data directory, held exclusively while the node runs (like an HDFS storage directory's
 * {@code in_use.lock}):
 *
 * <pre>
 * node-id          the node's id, written once; a directory never changes owner
 * node-key         the node's secret key (32 random bytes, hex; mode 600), written once: the controller pins the
 *                  node's address to it at first registration (heartbeats present it)
 * in_use.lock      OS file lock: a second process on the same directory fails at start
 * chunks/ab/cd/&lt;sha256&gt;   chunk files, fanned out by the first two bytes of the id
 * tmp/             chunks being received (same filesystem, so the final rename is atomic)
 * quarantine/      chunks whose bytes no longer match their id, kept aside for inspection
 * </pre>
 */
public final class DataDirectory implements Closeable {

    private static final Logger log = LoggerFactory.getLogger(DataDirectory.class);

    static final String NODE_ID_FILE = "node-id";
    static final String LOCK_FILE = "in_use.lock";
    static final String NODE_KEY_FILE = "node-key";
    private static final java.util.regex.Pattern KEY = java.util.regex.Pattern.compile("[0-9a-f]{64}");

    private final Path root;
    private final String nodeId;
    private final boolean idGenerated;
    private final String nodeKey;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private DataDirectory(Path root, String nodeId, boolean idGenerated, String nodeKey, FileChannel lockChannel,
            FileLock lock) {
        this.root = root;
        this.nodeId = nodeId;
        this.idGenerated = idGenerated;
        this.nodeKey = nodeKey;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /**
     * Creates (if needed) and locks the directory, and settles the node id: the declared one must
     * match the one the directory already belongs to; without a declared id the directory's is
     * used, or a new one is generated and persisted.
     *
     * @throws IllegalStateException when another process holds the directory or it belongs to another node
     */
    public static DataDirectory open(Path root, Optional<String> declaredId) {
        try {
            Durable.createDirectories(root);
            for (String sub : new String[] { "chunks", "tmp", "quarantine" }) {
                Durable.createDirectories(root.resolve(sub));
            }
            FileChannel channel = FileChannel.open(root.resolve(LOCK_FILE), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            }
            catch (OverlappingFileLockException ex) {
                lock = null;
            }
            if (lock == null) {
                channel.close();
                throw new IllegalStateException("The data directory " + root
                        + " is in use by another storage node; give each node its own smartlink.node.data-dir");
            }
            try {
                Path idFile = root.resolve(NODE_ID_FILE);
                Optional<String> persisted = readId(idFile);
                String id;
                boolean generated = false;
                if (declaredId.isPresent()) {
                    id = declaredId.get();
                    if (persisted.isPresent() && !persisted.get().equals(id)) {
                        throw new IllegalStateException("The data directory " + root + " belongs to node '"
                                + persisted.get() + "', not '" + id + "'; refusing to serve another node's chunks");
                    }
                }
                else if (persisted.isPresent()) {
                    id = persisted.get();
                }
                else {
                    id = NodeIds.generate(new SecureRandom());
                    generated = true;
                }
                if (persisted.isEmpty()) {
                    writeId(idFile, id);
                }
                String key = nodeKey(root.resolve(NODE_KEY_FILE));
                cleanTemporaryFiles(root.resolve("tmp"));
                return new DataDirectory(root, id, generated, key, channel, lock);
            }
            catch (RuntimeException | IOException ex) {
                lock.release();
                channel.close();
                throw ex;
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot open the data directory " + root + ": " + ex.getMessage(), ex);
        }
    }

    private static Optional<String> readId(Path idFile) throws IOException {
        if (!Files.exists(idFile)) {
            return Optional.empty();
        }
        String id = Files.readString(idFile, StandardCharsets.UTF_8).trim();
        if (!NodeIds.isValid(id)) {
            throw new IllegalStateException("The node id file " + idFile + " holds an invalid id: '" + id + "'");
        }
        return Optional.of(id);
    }

    private static void writeId(Path idFile, String id) throws IOException {
        Path tmp = idFile.resolveSibling(NODE_ID_FILE + ".tmp");
        try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            out.write(java.nio.ByteBuffer.wrap((id + "\n").getBytes(StandardCharsets.UTF_8)));
            out.force(true);
        }
        Files.move(tmp, idFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        Durable.syncDirectory(idFile.getParent());
    }

    /**
     * The node's key: read from {@code node-key}, or generated (32 bytes from {@link SecureRandom}) and written
     * durably with owner-only permissions on the first start. An unreadable or malformed file stops the node
     * rather than silently replacing the key the controller knows.
     */
    private static String nodeKey(Path keyFile) throws IOException {
        if (Files.exists(keyFile)) {
            String key = Files.readString(keyFile, StandardCharsets.US_ASCII).trim();
            if (!KEY.matcher(key).matches()) {
                throw new IllegalStateException("The node key file " + keyFile + " is malformed; restore it, or remove "
                        + "it and have an admin reset this node's key at the controller");
            }
            ownerOnly(keyFile);
            return key;
        }
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String key = java.util.HexFormat.of().formatHex(random);
        Path tmp = keyFile.resolveSibling(NODE_KEY_FILE + ".tmp");
        Files.deleteIfExists(tmp);
        try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ownerOnly(tmp);
            out.write(java.nio.ByteBuffer.wrap((key + "\n").getBytes(StandardCharsets.US_ASCII)));
            out.force(true);
        }
        Files.move(tmp, keyFile, StandardCopyOption.ATOMIC_MOVE);
        Durable.syncDirectory(keyFile.getParent());
        log.info("Generated this node's key ({}, owner-only)", keyFile);
        return key;
    }

    /** rw------- where the filesystem has POSIX permissions. */
    private static void ownerOnly(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        }
        catch (UnsupportedOperationException ex) {
            // not a POSIX filesystem: its own ACLs apply
        }
    }

    /** Partial chunks of a previous run: never renamed into place, so never acknowledged. */
    private static void cleanTemporaryFiles(Path tmp) throws IOException {
        try (Stream<Path> files = Files.list(tmp)) {
            long removed = files.filter(Files::isRegularFile).map(file -> {
                try {
                    return Files.deleteIfExists(file);
                }
                catch (IOException ex) {
                    log.warn("Could not remove the partial chunk {}: {}", file, ex.getMessage());
                    return false;
                }
            }).filter(Boolean::booleanValue).count();
            if (removed > 0) {
                log.info("Removed {} partial chunk file(s) left by an interrupted run", removed);
            }
        }
    }

    public Path root() {
        return root;
    }

    public Path chunks() {
        return root.resolve("chunks");
    }

    public Path tmp() {
        return root.resolve("tmp");
    }

    public Path quarantine() {
        return root.resolve("quarantine");
    }

    public String nodeId() {
        return nodeId;
    }

    /** The node's secret key (64 hex digits): sent with every heartbeat, never logged. */
    public String nodeKey() {
        return nodeKey;
    }

    /** Whether this start generated the id (first start of a node without a declared id). */
    public boolean idGenerated() {
        return idGenerated;
    }

    @Override
    public void close() throws IOException {
        try {
            if (lock.isValid()) {
                lock.release();
            }
        }
        finally {
            lockChannel.close();
        }
    }
}
