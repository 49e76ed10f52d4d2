package com.smartlinkauto.user.partner.document;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A document a partner uploaded; its bytes are the storage network's file {@code fileId}. Never changed. */
@Entity
@Table(name = "partner_documents")
class PartnerDocument {

    @Id
    private UUID id;

    @Column(name = "partner_id", nullable = false)
    private UUID partnerId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 32)
    private DocumentType type;

    @Column(name = "file_id", nullable = false)
    private UUID fileId;

    @Column(name = "content_type", nullable = false, length = 100)
    private String contentType;

    @Column(name = "size_bytes", nullable = false)
    private long sizeBytes;

    @Column(nullable = false, length = 64)
    private String sha256;

    @Column(name = "original_name", nullable = false, length = 255)
    private String originalName;

    @Column(name = "uploaded_at", nullable = false)
    private Instant uploadedAt;

    protected PartnerDocument() {
    }

    PartnerDocument(UUID partnerId, DocumentType type, UUID fileId, String contentType, long sizeBytes, String sha256,
            String originalName, Instant uploadedAt) {
        this.id = UUID.randomUUID();
        this.partnerId = partnerId;
        this.type = type;
        this.fileId = fileId;
        this.contentType = contentType;
        this.sizeBytes = sizeBytes;
        this.sha256 = sha256;
        this.originalName = originalName;
        this.uploadedAt = uploadedAt;
    }

    UUID getId() {
        return id;
    }

    UUID getPartnerId() {
        return partnerId;
    }

    DocumentType getType() {
        return type;
    }

    UUID getFileId() {
        return fileId;
    }

    String getContentType() {
        return contentType;
    }

    long getSizeBytes() {
        return sizeBytes;
    }

    String getSha256() {
        return sha256;
    }

    String getOriginalName() {
        return originalName;
    }

    Instant getUploadedAt() {
        return uploadedAt;
    }
}
