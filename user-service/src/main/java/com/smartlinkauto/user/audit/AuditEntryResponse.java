package com.smartlinkauto.user.audit;

import java.time.Instant;
import java.util.UUID;

public record AuditEntryResponse(long id, Instant occurredAt, UUID actorId, AuditAction action, String subjectId,
        String from, String to, String reason, String correlationId) {

    static AuditEntryResponse of(AuditEntry entry) {
        return new AuditEntryResponse(entry.getId(), entry.getOccurredAt(), entry.getActorId(), entry.getAction(),
                entry.getSubjectId(), entry.getFromValue(), entry.getToValue(), entry.getReason(),
                entry.getCorrelationId());
    }
}
