package com.smartlinkauto.user.account;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;


import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** An account: a renter, a partner (with a verification status) or an admin. */
@Entity
@Table(name = "users")
public class UserAccount {

    @Id
    private UUID id;

    @Column(nullable = false, length = 254)
    private String email;

    @Column(name = "password_hash", nullable = false, length = 100)
    private String passwordHash;

    @Column(name = "first_name", nullable = false, length = 100)
    private String firstName;

    @Column(name = "last_name", nullable = false, length = 100)
    private String lastName;

    @Column(name = "phone_number", length = 16)
    private String phoneNumber;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "user_roles", joinColumns = @JoinColumn(name = "user_id"))
    @Column(name = "role", length = 16)
    @Enumerated(EnumType.STRING)
    private Set<Role> roles = EnumSet.noneOf(Role.class);

    @Enumerated(EnumType.STRING)
    @Column(name = "verification_status", length = 16)
    private VerificationStatus verificationStatus;

    @Column(name = "verification_reason", length = 500)
    private String verificationReason;

    @Column(name = "verification_changed_at")
    private Instant verificationChangedAt;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Version
    private Long version;

    protected UserAccount() {
    }

    private UserAccount(String email, String passwordHash, String firstName, String lastName, String phoneNumber,
            Role role, Instant now) {
        this.id = UUID.randomUUID();
        this.email = email;
        this.passwordHash = passwordHash;
        this.firstName = firstName;
        this.lastName = lastName;
        this.phoneNumber = phoneNumber;
        this.roles = EnumSet.of(role);
        this.createdAt = now;
        this.updatedAt = now;
        if (role == Role.PARTNER) {
            this.verificationStatus = VerificationStatus.PENDING;
            this.verificationChangedAt = now;
        }
    }

    /** A new account with exactly one role; partners start PENDING verification. */
    public static UserAccount create(String email, String passwordHash, String firstName, String lastName,
            String phoneNumber, Role role, Instant now) {
        return new UserAccount(email, passwordHash, firstName, lastName, phoneNumber, role, now);
    }

    public void updateProfile(String firstName, String lastName, String phoneNumber, Instant now) {
        if (firstName != null) {
            this.firstName = firstName;
        }
        if (lastName != null) {
            this.lastName = lastName;
        }
        if (phoneNumber != null) {
            this.phoneNumber = phoneNumber;
        }
        this.updatedAt = now;
    }

    public void changePasswordHash(String passwordHash, Instant now) {
        this.passwordHash = passwordHash;
        this.updatedAt = now;
    }

    /** Adds ADMIN. Only the configuration-driven bootstrap calls this. */
    public boolean grantAdmin(Instant now) {
        boolean added = roles.add(Role.ADMIN);
        if (added) {
            updatedAt = now;
        }
        return added;
    }

    public boolean isPartner() {
        return roles.contains(Role.PARTNER);
    }

    /**
     * Moves the partner's verification status, enforcing the state machine of {@link VerificationStatus}.
     *
     * @return the status before the change
     * @throws IllegalVerificationTransitionException when the move is not allowed for this actor
     */
    public VerificationStatus changeVerification(VerificationStatus target, String reason,
            VerificationStatus.Actor actor, Instant now) {
        VerificationStatus from = verificationStatus;
        if (from == null || !from.canMoveTo(target, actor)) {
            throw new IllegalVerificationTransitionException(from, target);
        }
        if (VerificationStatus.requiresReason(target) && (reason == null || reason.isBlank())) {
            throw new IllegalArgumentException("a reason is required to move to " + target);
        }
        this.verificationStatus = target;
        this.verificationReason = reason;
        this.verificationChangedAt = now;
        this.updatedAt = now;
        return from;
    }

    public UUID getId() {
        return id;
    }

    public String getEmail() {
        return email;
    }

    public String getPasswordHash() {
        return passwordHash;
    }

    public String getFirstName() {
        return firstName;
    }

    public String getLastName() {
        return lastName;
    }

    public String getPhoneNumber() {
        return phoneNumber;
    }

    public Set<Role> getRoles() {
        return Collections.unmodifiableSet(roles);
    }

    public VerificationStatus getVerificationStatus() {
        return verificationStatus;
    }

    public String getVerificationReason() {
        return verificationReason;
    }

    public Instant getVerificationChangedAt() {
        return verificationChangedAt;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    @Override
    public String toString() {
        // never the hash; ids only
        return "UserAccount[" + id + "]";
    }
}
