package dev.vidferry.api.account;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.DynamicUpdate;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import dev.vidferry.model.api.GoogleAccountStatus;

/** A user's connected Google account; tokens sealed with {@code TokenCipher}, bound to owner + row + column. */
@Entity
@Table(name = "google_account")
@DynamicUpdate
public class GoogleAccount {

    public static final String DEFAULT_KEY = "default";

    @Id
    public UUID id;
    @Column(name = "owner_id", nullable = false)
    public String ownerId;
    @Column(name = "account_key", nullable = false)
    public String accountKey = DEFAULT_KEY;
    /** Jobs without {@code googleAccountId} use the owner's default account (at most one, a partial unique index). */
    @Column(name = "is_default", nullable = false)
    public boolean isDefault;
    @Column(name = "google_subject")
    public String googleSubject;
    public String email;
    @Column(name = "channel_id")
    public String channelId;
    @Column(name = "channel_title")
    public String channelTitle;
    @Column(name = "project_id", nullable = false)
    public String projectId;
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(columnDefinition = "text[]")
    public String[] scopes = new String[0];
    @Column(name = "key_id", nullable = false)
    public String keyId;
    @Column(name = "refresh_token_ciphertext", nullable = false)
    public byte[] refreshTokenCiphertext;
    @Column(name = "access_token_ciphertext")
    public byte[] accessTokenCiphertext;
    @Column(name = "access_token_expires_at")
    public Instant accessTokenExpiresAt;
    @Column(nullable = false)
    public String status = GoogleAccountStatus.ACTIVE;
    @Column(name = "status_reason")
    public String statusReason;
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
