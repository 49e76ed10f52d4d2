package com.smartlinkauto.user.audit;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.repository.Repository;

/** Insert and read only: the trail has no update or delete method (and the database refuses both). */
interface AuditEntryRepository extends Repository<AuditEntry, Long> {

    AuditEntry save(AuditEntry entry);

    Page<AuditEntry> findBySubjectId(String subjectId, Pageable pageable);

    Page<AuditEntry> findAll(Pageable pageable);
}
