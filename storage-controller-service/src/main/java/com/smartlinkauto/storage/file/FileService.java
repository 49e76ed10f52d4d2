package com.smartlinkauto.storage.file;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Service;

import com.smartlinkauto.storage.config.StorageProblems;

/** Reading and deleting files' metadata. */
@Service
public class FileService {

    private final FileStore store;

    FileService(FileStore store) {
        this.store = store;
    }

    public FileStore.FileRow require(UUID fileId) {
        return store.file(fileId).orElseThrow(() -> StorageProblems.fileNotFound(fileId));
    }

    public Manifest manifest(UUID fileId, List<String> warnings) {
        FileStore.FileRow file = require(fileId);
        List<Manifest.Chunk> chunks = new ArrayList<>();
        for (FileStore.FileChunk chunk : store.chunks(fileId)) {
            List<String> stored = new ArrayList<>();
            List<Manifest.Copy> copies = new ArrayList<>();
            chunk.replicas().forEach((node, status) -> {
                copies.add(new Manifest.Copy(node, status));
                if ("COMPLETED".equals(status)) {
                    stored.add(node);
                }
            });
            chunks.add(new Manifest.Chunk(chunk.index(), chunk.chunkId(), chunk.size(), chunk.offset(), stored, copies));
        }
        return new Manifest(file.fileId(), file.name(), file.contentType(), file.size(), file.sha256(), file.chunkSize(),
                file.replication(), file.status(), file.createdAt(), file.completedAt(), chunks,
                warnings == null || warnings.isEmpty() ? null : warnings);
    }

    /** A page of files, newest first. */
    public record FilePage(List<FileStore.FileRow> items, int page, int size, long total) {
    }

    public FilePage list(int page, int size) {
        return new FilePage(store.files(size, (long) page * size), page, size, store.countFiles());
    }

    /** Deletes a file; its chunks' copies are removed from the nodes once no other file uses them. */
    public void delete(UUID fileId) {
        if (!store.delete(fileId)) {
            throw StorageProblems.fileNotFound(fileId);
        }
    }
}
