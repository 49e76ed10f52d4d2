package com.smartlinkauto.user.keys;

import java.time.Instant;

import org.springframework.data.domain.Persistable;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.PostLoad;
import jakarta.persistence.PostPersist;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;

/** A row of {@code signing_keys}. The private half is protected (see {@link PrivateKeyProtector}). */
@Entity
@Table(name = "signing_keys")
class SigningKey implements Persistable<String> {

    @Id
    @Column(length = 64)
    private String kid;

    @Column(nullable = false, length = 10)
    private String algorithm;

    @Column(name = "public_key", nullable = false)
    private byte[] publicKey;

    @Column(name = "private_key")
    private byte[] privateKey;

    @Column(name = "private_key_protection", nullable = false, length = 20)
    private String privateKeyProtection;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "retired_at")
    private Instant retiredAt;

    @Transient
    private boolean isNew;

    protected SigningKey() {
    }

    SigningKey(String kid, String algorithm, byte[] publicKey, PrivateKeyProtector.Protected privateKey,
            Instant createdAt) {
        this.kid = kid;
        this.algorithm = algorithm;
        this.publicKey = publicKey;
        this.privateKey = privateKey.data();
        this.privateKeyProtection = privateKey.protection();
        this.createdAt = createdAt;
        this.isNew = true;
    }

    /** Stops signing with this key; its private half is no longer needed and is wiped. */
    void retire(Instant now) {
        this.retiredAt = now;
        this.privateKey = null;
        this.privateKeyProtection = PrivateKeyProtector.NONE;
    }

    @PostLoad
    @PostPersist
    void markNotNew() {
        this.isNew = false;
    }

    @Override
    public String getId() {
        return kid;
    }

    @Override
    public boolean isNew() {
        return isNew;
    }

    String getKid() {
        return kid;
    }

    String getAlgorithm() {
        return algorithm;
    }

    byte[] getPublicKey() {
        return publicKey;
    }

    byte[] getPrivateKey() {
        return privateKey;
    }

    String getPrivateKeyProtection() {
        return privateKeyProtection;
    }

    Instant getCreatedAt() {
        return createdAt;
    }

    Instant getRetiredAt() {
        return retiredAt;
    }

    @Override
    public String toString() {
        return "SigningKey[" + kid + "]";
    }
}
