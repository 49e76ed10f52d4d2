package com.smartlinkauto.user.audit;

import java.time.Instant;
import java.util.UUID;

import org.hibernate.annotations.Immutable;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One row of the append-only audit trail (a database trigger refuses UPDATE and DELETE). */
@Entity
@Immutable
@Table(name = "audit_log")
public class AuditEntry {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "occurred_at", nullable = false)
    private Instant occurredAt;

    /** Null when the system acted (bootstrap, scheduled key rotation). */
    @Column(name = "actor_id")
    private UUID actorId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 64)
    private AuditAction action;

    @Column(name = "subject_id", nullable = false, length = 64)
    private String subjectId;

    @Column(name = "from_value", length = 64)
    private String fromValue;

    @Column(name = "to_value", length = 64)
    private String toValue;

    @Column(length = 500)
    private String reason;

    @Column(name = "correlation_id", length = 128)
    private String correlationId;

    protected AuditEntry() {
    }

    AuditEntry(Instant occurredAt, UUID actorId, AuditAction action, String subjectId, String fromValue,
            String toValue, String reason, String correlationId) {
        this.occurredAt = occurredAt;
        this.actorId = actorId;
        this.action = action;
        this.subjectId = subjectId;
        this.fromValue = fromValue;
        this.toValue = toValue;
        this.reason = reason;
        this.correlationId = correlationId;
    }

    public Long getId() {
        return id;
    }

    public Instant getOccurredAt() {
        return occurredAt;
    }

    public UUID getActorId() {
        return actorId;
    }

    public AuditAction getAction() {
        return action;
    }

    public String getSubjectId() {
        return subjectId;
    }

    public String getFromValue() {
        return fromValue;
    }

    public String getToValue() {
        return toValue;
    }

    public String getReason() {
        return reason;
    }

    public String getCorrelationId() {
        return correlationId;
    }
}
