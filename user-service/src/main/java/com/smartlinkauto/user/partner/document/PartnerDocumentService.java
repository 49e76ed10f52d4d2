package com.smartlinkauto.user.partner.document;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.multipart.MultipartFile;

import com.smartlinkauto.servicedefaults.problem.ApiException;
import com.smartlinkauto.servicedefaults.problem.ProblemTypes;
import com.smartlinkauto.storageclient.StorageClient;
import com.smartlinkauto.storageclient.StorageDownload;
import com.smartlinkauto.storageclient.StorageUnavailableException;
import com.smartlinkauto.storageclient.StoredFile;
import com.smartlinkauto.user.account.UserAccount;
import com.smartlinkauto.user.account.UserAccountRepository;
import com.smartlinkauto.user.audit.AuditAction;
import com.smartlinkauto.user.audit.AuditLog;
import com.smartlinkauto.user.support.AdvisoryLocks;
import com.smartlinkauto.user.support.UserMetrics;

/**
 * Partner documents: checked here (type, size, format by magic number, the per-partner limit), bytes
 * streamed to the storage network, the row and its audit entry written afterwards in one transaction. A
 * stored file whose row could not be written is deleted again, so the network keeps no orphans; no
 * database connection is held while the bytes travel.
 */
@Service
public class PartnerDocumentService {

    static final long MAX_BYTES = 10L * 1024 * 1024;

    static final URI DOCUMENT_LIMIT_REACHED = ProblemTypes.of("document-limit-reached");
    static final URI QUOTA_EXCEEDED = ProblemTypes.of("quota-exceeded");
    static final URI UNSUPPORTED_DOCUMENT = ProblemTypes.of("unsupported-document-format");

    private static final Logger log = LoggerFactory.getLogger(PartnerDocumentService.class);

    private final PartnerDocumentRepository documents;
    private final UserAccountRepository users;
    private final StorageClient storage;
    private final AuditLog audit;
    private final AdvisoryLocks locks;
    private final TransactionTemplate tx;
    private final UserMetrics metrics;
    private final Clock clock;
    private final DocumentQuotaProperties quota;

    PartnerDocumentService(PartnerDocumentRepository documents, UserAccountRepository users, StorageClient storage,
            AuditLog audit, AdvisoryLocks locks, TransactionTemplate tx, UserMetrics metrics, Clock clock,
            DocumentQuotaProperties quota) {
        this.quota = quota;
        this.documents = documents;
        this.users = users;
        this.storage = storage;
        this.audit = audit;
        this.locks = locks;
        this.tx = tx;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** Who asks: a user id, and whether they are an admin (who may see every partner's documents). */
    public record Caller(UUID id, boolean admin) {
    }

    // ------------------------------------------------------------------ upload

    public PartnerDocumentResponse upload(UUID partnerId, String typeValue, MultipartFile file) {
        DocumentType type = validate(typeValue, file);
        long size = file.getSize();
        if (size > MAX_BYTES) {
            metrics.partnerDocument("rejected");
            throw new ApiException(HttpStatus.CONTENT_TOO_LARGE, ProblemTypes.PAYLOAD_TOO_LARGE,
                    "A document may have at most 10 MB.");
        }
        DocumentFormat format = detect(file);
        try {
            // early answer before any byte travels; decided again under the partner's lock below
            checkQuota(partnerId, size);
        }
        catch (ApiException ex) {
            metrics.partnerDocument("rejected");
            throw ex;
        }
        String name = originalName(file.getOriginalFilename(), type, format);

        StoredFile stored;
        String sha256;
        try (DigestInputStream in = new DigestInputStream(file.getInputStream(), sha256())) {
            stored = storage.store(in, size, format.mediaType(), name);
            sha256 = HexFormat.of().formatHex(in.getMessageDigest().digest());
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Reading the uploaded document failed", ex);
        }
        try {
            if (stored.size() != size || (stored.sha256() != null && !stored.sha256().equalsIgnoreCase(sha256))) {
                throw new StorageUnavailableException("The file storage is unavailable right now. Try again later.",
                        new IllegalStateException("The storage network holds other bytes than were sent: "
                                + stored.size() + " bytes, " + stored.sha256()));
            }
            PartnerDocumentResponse response = tx.execute(status -> {
                // one upload of a partner at a time past this point: the limit holds under concurrency
                locks.lockForTransaction("partner-documents:" + partnerId);
                checkQuota(partnerId, size);
                PartnerDocument document = documents.saveAndFlush(new PartnerDocument(partnerId, type,
                        stored.fileId(), format.mediaType(), size, sha256, name, clock.instant()));
                audit.record(partnerId, AuditAction.PARTNER_DOCUMENT_UPLOADED, partnerId.toString(), null,
                        type.name(), "document " + document.getId());
                return PartnerDocumentResponse.of(document);
            });
            metrics.partnerDocument("uploaded");
            log.info("Partner {} uploaded document {} ({}, {}, {} bytes)", partnerId, response.id(), type,
                    format.mediaType(), size);
            return response;
        }
        catch (RuntimeException ex) {
            discard(stored.fileId());
            if (ex instanceof ApiException api && api.status() == HttpStatus.CONFLICT) {
                metrics.partnerDocument("rejected");
            }
            throw ex;
        }
    }

    private static DocumentType validate(String typeValue, MultipartFile file) {
        List<Map<String, String>> errors = new ArrayList<>();
        DocumentType type = null;
        if (typeValue == null || typeValue.isBlank()) {
            errors.add(Map.of("field", "type", "message", "is required"));
        }
        else {
            try {
                type = DocumentType.valueOf(typeValue.strip());
            }
            catch (IllegalArgumentException ex) {
                errors.add(Map.of("field", "type", "message",
                        "must be one of " + Arrays.toString(DocumentType.values())));
            }
        }
        if (file == null) {
            errors.add(Map.of("field", "file", "message", "is required"));
        }
        else if (file.isEmpty()) {
            errors.add(Map.of("field", "file", "message", "must not be empty"));
        }
        if (!errors.isEmpty()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, ProblemTypes.VALIDATION, "The request has invalid fields.",
                    Map.of("errors", errors));
        }
        return type;
    }

    private DocumentFormat detect(MultipartFile file) {
        byte[] header;
        try (InputStream in = file.getInputStream()) {
            header = in.readNBytes(DocumentFormat.HEADER_BYTES);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Reading the uploaded document failed", ex);
        }
        return DocumentFormat.detect(header).orElseThrow(() -> {
            metrics.partnerDocument("rejected");
            return new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, UNSUPPORTED_DOCUMENT,
                    "Only PDF, JPEG, PNG or WebP documents are accepted (recognised by their content, not their name).");
        });
    }

    /** 409 when one more document of {@code size} bytes would take the partner past their count or total size. */
    private void checkQuota(UUID partnerId, long size) {
        DocumentUsage usage = documents.usage(partnerId);
        if (usage.count() >= quota.maxCount()) {
            throw new ApiException(HttpStatus.CONFLICT, DOCUMENT_LIMIT_REACHED,
                    "A partner may keep at most " + quota.maxCount() + " documents. Delete one first.",
                    Map.of("quota", "documents", "limit", quota.maxCount()));
        }
        long maxBytes = quota.maxTotalBytes().toBytes();
        if (usage.bytes() + size > maxBytes) {
            throw new ApiException(HttpStatus.CONFLICT, QUOTA_EXCEEDED,
                    "A partner may keep at most " + maxBytes + " bytes (" + quota.maxTotalBytes().toMegabytes()
                            + " MB) of documents; " + usage.bytes() + " are used. Delete one first.",
                    Map.of("quota", "documentBytes", "limit", maxBytes));
        }
    }

    /**
     * The client's file name without any path, control characters or surrounding space, at most 255
     * characters (shown back to the partner, and in Content-Disposition); a neutral name when none is left.
     */
    static String originalName(String submitted, DocumentType type, DocumentFormat format) {
        String name = submitted == null ? "" : submitted;
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        name = name.replaceAll("[\\p{Cc}\\p{Zl}\\p{Zp}\\p{Cf}]", "").strip();
        if (name.length() > 255) {
            name = name.substring(0, 255).strip();
        }
        return name.isEmpty() ? type.name().toLowerCase() + "." + format.extension() : name;
    }

    private void discard(UUID fileId) {
        try {
            storage.delete(fileId);
        }
        catch (RuntimeException ex) {
            log.warn("Could not delete the stored file {} of a failed document upload; it is orphaned: {}", fileId,
                    ex.toString());
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

    // ------------------------------------------------------------------ read

    /** A partner's documents, newest first; only that partner and admins see them, others get a 404. */
    public PartnerDocumentResponse.Items list(UUID partnerId, Caller caller) {
        requireAccess(partnerId, caller);
        return new PartnerDocumentResponse.Items(documents.findByPartnerIdOrderByUploadedAtDescIdDesc(partnerId)
                .stream().map(PartnerDocumentResponse::of).toList());
    }

    /** An open document: its row's facts and the stream from the storage network. Close it. */
    public record Download(PartnerDocumentResponse document, StorageDownload file) implements Closeable {

        @Override
        public void close() throws IOException {
            file.close();
        }
    }

    public Download open(UUID partnerId, UUID documentId, Caller caller) {
        requireAccess(partnerId, caller);
        PartnerDocument document = documents.findByIdAndPartnerId(documentId, partnerId)
                .orElseThrow(() -> ApiException.notFound("Document"));
        return new Download(PartnerDocumentResponse.of(document), storage.open(document.getFileId(), null));
    }

    private void requireAccess(UUID partnerId, Caller caller) {
        boolean own = partnerId.equals(caller.id());
        if (!own && !(caller.admin() && users.findById(partnerId).filter(UserAccount::isPartner).isPresent())) {
            throw ApiException.notFound("Partner");
        }
    }

    // ------------------------------------------------------------------ delete

    /**
     * Deletes the stored file first, then the row: if the storage network is down nothing changes (503,
     * try again); a retry after a failure in between finds the file already gone, which counts as deleted.
     */
    public void delete(UUID partnerId, UUID documentId) {
        PartnerDocument document = documents.findByIdAndPartnerId(documentId, partnerId)
                .orElseThrow(() -> ApiException.notFound("Document"));
        storage.delete(document.getFileId());
        tx.executeWithoutResult(status -> {
            if (documents.deleteOwned(documentId, partnerId) == 1) {
                audit.record(partnerId, AuditAction.PARTNER_DOCUMENT_DELETED, partnerId.toString(),
                        document.getType().name(), null, "document " + documentId);
            }
        });
        metrics.partnerDocument("deleted");
    }
}
