package com.smartlinkauto.storagenode.node;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** fsync helpers: a rename or a new directory entry is durable only once its directory is synced. */
public final class Durable {

    private Durable() {
    }

    /**
     * Flushes a directory's entries to disk. Linux and macOS allow opening a directory for reading
     * and forcing it; where the platform refuses (Windows), the rename's durability is the
     * filesystem's business and this is a no-op.
     */
    public static void syncDirectory(Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
        catch (IOException ex) {
            if (Files.isDirectory(directory) && isUnsupported(ex)) {
                return;
            }
            throw ex;
        }
    }

    /** Creates a directory (and missing parents), syncing each parent that gained an entry. */
    public static void createDirectories(Path directory) throws IOException {
        if (Files.isDirectory(directory)) {
            return;
        }
        Path parent = directory.getParent();
        if (parent != null) {
            createDirectories(parent);
        }
        try {
            Files.createDirectory(directory);
        }
        catch (java.nio.file.FileAlreadyExistsException ex) {
            if (!Files.isDirectory(directory)) {
                throw ex;
            }
            return; // a concurrent writer created it (and syncs the parent)
        }
        if (parent != null) {
            syncDirectory(parent);
        }
    }

    private static boolean isUnsupported(IOException ex) {
        return ex instanceof java.nio.file.AccessDeniedException
                || System.getProperty("os.name", "").toLowerCase().startsWith("windows");
    }
}
