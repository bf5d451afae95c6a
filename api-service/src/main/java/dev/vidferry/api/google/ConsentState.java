package dev.vidferry.api.google;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A started consent: only the state's SHA-256 is kept, the PKCE verifier is sealed; single use, expires. */
@Entity
@Table(name = "google_consent_state")
public class ConsentState {

    @Id
    public UUID id;
    @Column(name = "state_hash", nullable = false)
    public byte[] stateHash;
    @Column(name = "owner_id", nullable = false)
    public String ownerId;
    @Column(name = "key_id", nullable = false)
    public String keyId;
    @Column(name = "verifier_ciphertext", nullable = false)
    public byte[] verifierCiphertext;
    @Column(name = "expires_at", nullable = false)
    public Instant expiresAt;
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
