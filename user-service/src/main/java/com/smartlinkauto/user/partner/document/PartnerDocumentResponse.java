package com.smartlinkauto.user.partner.document;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A partner document as the partner and admins see it (where its bytes live is not shown). */
public record PartnerDocumentResponse(UUID id, DocumentType type, String contentType, long size, String originalName,
        Instant uploadedAt) {

    static PartnerDocumentResponse of(PartnerDocument document) {
        return new PartnerDocumentResponse(document.getId(), document.getType(), document.getContentType(),
                document.getSizeBytes(), document.getOriginalName(), document.getUploadedAt());
    }

    /** A partner's documents, newest first (at most {@code smartlink.users.documents.max-count}). */
    public record Items(List<PartnerDocumentResponse> items) {
    }
}
