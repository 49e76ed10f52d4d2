package com.smartlinkauto.user.audit;

import java.time.Clock;
import java.util.UUID;

import org.slf4j.MDC;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import com.smartlinkauto.servicedefaults.Correlation;

/** Writes audit rows in the transaction of the change they describe, with the request's correlation id. */
@Service
public class AuditLog {

    private final AuditEntryRepository entries;
    private final Clock clock;

    AuditLog(AuditEntryRepository entries, Clock clock) {
        this.entries = entries;
        this.clock = clock;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void record(UUID actorId, AuditAction action, String subjectId, String from, String to, String reason) {
        entries.save(new AuditEntry(clock.instant(), actorId, action, subjectId, from, to, reason,
                MDC.get(Correlation.MDC_KEY)));
    }

    @Transactional(readOnly = true)
    public Page<AuditEntry> find(String subjectId, int page, int size) {
        PageRequest request = PageRequest.of(page, size,
                Sort.by(Sort.Order.desc("occurredAt"), Sort.Order.desc("id")));
        return subjectId == null || subjectId.isBlank() ? entries.findAll(request)
                : entries.findBySubjectId(subjectId.strip(), request);
    }
}
