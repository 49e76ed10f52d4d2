package com.smartlinkauto.user.partner.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.SimpleTransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

import com.smartlinkauto.servicedefaults.problem.ApiException;
import com.smartlinkauto.storageclient.StorageClient;
import com.smartlinkauto.storageclient.StorageUnavailableException;
import com.smartlinkauto.storageclient.StoredFile;
import com.smartlinkauto.user.account.UserAccountRepository;
import com.smartlinkauto.user.audit.AuditLog;
import com.smartlinkauto.user.support.AdvisoryLocks;
import com.smartlinkauto.user.support.UserMetrics;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** What happens to the stored bytes when the row cannot be written, and that rejected files never travel. */
class PartnerDocumentServiceTest {

    private final PartnerDocumentRepository documents = mock(PartnerDocumentRepository.class);
    private final StorageClient storage = mock(StorageClient.class);
    private final PlatformTransactionManager transactions = mock(PlatformTransactionManager.class);
    private final PartnerDocumentService service;
    private final UUID partner = UUID.randomUUID();
    private final byte[] pdf = "%PDF-1.7 a tiny document".getBytes();

    PartnerDocumentServiceTest() throws Exception {
        when(transactions.getTransaction(any())).thenReturn(new SimpleTransactionStatus());
        UserMetrics metrics = newInstance(UserMetrics.class, new SimpleMeterRegistry());
        service = new PartnerDocumentService(documents, mock(UserAccountRepository.class), storage,
                mock(AuditLog.class), mock(AdvisoryLocks.class), new TransactionTemplate(transactions), metrics,
                Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC),
                new DocumentQuotaProperties(30, org.springframework.util.unit.DataSize.ofMegabytes(100)));
        when(documents.usage(any())).thenReturn(new DocumentUsage(0, 0));
    }

    private static <T> T newInstance(Class<T> type, Object argument) throws Exception {
        var constructor = type.getDeclaredConstructor(io.micrometer.core.instrument.MeterRegistry.class);
        constructor.setAccessible(true);
        return constructor.newInstance(argument);
    }

    private StoredFile storedAs(UUID fileId) throws Exception {
        String sha = HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(pdf));
        StoredFile stored = new StoredFile(fileId, pdf.length, sha, "application/pdf");
        when(storage.store(any(InputStream.class), eq((long) pdf.length), eq("application/pdf"), anyString()))
                .thenAnswer(invocation -> {
                    invocation.getArgument(0, InputStream.class).readAllBytes();
                    return stored;
                });
        return stored;
    }

    @Test
    void aFailedInsertDeletesTheStoredFileAgain() throws Exception {
        UUID fileId = UUID.randomUUID();
        storedAs(fileId);
        when(documents.saveAndFlush(any())).thenThrow(new DataIntegrityViolationException("boom"));

        assertThatThrownBy(() -> service.upload(partner, "INSURANCE",
                new MockMultipartFile("file", "a.pdf", "application/pdf", pdf)))
                .isInstanceOf(DataIntegrityViolationException.class);
        verify(storage).delete(fileId);
    }

    @Test
    void aFailedCleanUpDoesNotHideTheOriginalError() throws Exception {
        UUID fileId = UUID.randomUUID();
        storedAs(fileId);
        when(documents.saveAndFlush(any())).thenThrow(new DataIntegrityViolationException("boom"));
        org.mockito.Mockito.doThrow(new StorageUnavailableException("down")).when(storage).delete(fileId);

        assertThatThrownBy(() -> service.upload(partner, "INSURANCE",
                new MockMultipartFile("file", "a.pdf", "application/pdf", pdf)))
                .isInstanceOf(DataIntegrityViolationException.class);
    }

    @Test
    void theLimitSeenOnlyAfterStoringDeletesTheStoredFile() throws Exception {
        UUID fileId = UUID.randomUUID();
        storedAs(fileId);
        when(documents.usage(partner)).thenReturn(new DocumentUsage(29, 0), new DocumentUsage(30, 0));

        assertThatThrownBy(() -> service.upload(partner, "INSURANCE",
                new MockMultipartFile("file", "a.pdf", "application/pdf", pdf)))
                .isInstanceOfSatisfying(ApiException.class, ex -> assertThat(ex.status().value()).isEqualTo(409));
        verify(storage).delete(fileId);
        verify(documents, never()).saveAndFlush(any());
    }

    @Test
    void rejectedFilesNeverReachTheStorageNetwork() {
        for (MockMultipartFile file : new MockMultipartFile[] {
                new MockMultipartFile("file", "x.pdf", "application/pdf", "plain text".getBytes()),
                new MockMultipartFile("file", "x.pdf", "application/pdf", new byte[0]) }) {
            assertThatThrownBy(() -> service.upload(partner, "INSURANCE", file)).isInstanceOf(ApiException.class);
        }
        assertThatThrownBy(() -> service.upload(partner, "NOT_A_TYPE",
                new MockMultipartFile("file", "a.pdf", "application/pdf", pdf))).isInstanceOf(ApiException.class);
        when(documents.usage(partner)).thenReturn(new DocumentUsage(30, 0));
        assertThatThrownBy(() -> service.upload(partner, "INSURANCE",
                new MockMultipartFile("file", "a.pdf", "application/pdf", pdf))).isInstanceOf(ApiException.class);
        verify(storage, never()).store(any(), anyLong(), any(), any());
    }
}
