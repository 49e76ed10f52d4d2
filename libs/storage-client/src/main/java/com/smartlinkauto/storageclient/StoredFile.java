package com.smartlinkauto.storageclient;

import java.util.UUID;

/** A file the storage network holds: its id, size in bytes, SHA-256 (hex) and media type. */
public record StoredFile(UUID fileId, long size, String sha256, String contentType) {
}
