package dev.vidferry.worker.google;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;

import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.UserCredentials;

import io.quarkus.logging.Log;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

import dev.vidferry.model.api.GoogleAccountStatus;
import dev.vidferry.model.job.ErrorCode;
import dev.vidferry.platform.crypto.TokenCipher;
import dev.vidferry.platform.crypto.TokenColumns;
import dev.vidferry.platform.google.GoogleCredentialsFactory;
import dev.vidferry.platform.google.GoogleScopes;

/**
 * Loads a job owner's stored Google account as refreshing credentials and saves refreshed access tokens back
 * (encrypted, bound to the owner). Blocking: call from transfer threads only.
 */
@ApplicationScoped
public class GoogleAccounts {

    private static final Duration DB_TIMEOUT = Duration.ofSeconds(30);
    private static final String COLUMNS = "id, owner_id, channel_id, status, key_id, refresh_token_ciphertext, "
            + "access_token_ciphertext, access_token_expires_at";

    private final Pool pool;
    private final TokenCipher cipher;
    private final GoogleCredentialsFactory factory;

    public GoogleAccounts(Pool pool, TokenCipher cipher, GoogleCredentialsFactory factory) {
        this.pool = pool;
        this.cipher = cipher;
        this.factory = factory;
    }

    /** A usable account: its row id, channel and credentials that save their own refreshes. */
    public record Account(UUID id, String ownerId, String channelId, UserCredentials credentials) {
    }

    /** The account {@code accountId} (or, when null, the owner's default account) with credentials. */
    public Account load(String ownerId, UUID accountId) {
        RowSet<Row> rows = (accountId != null
                ? pool.preparedQuery("SELECT " + COLUMNS + " FROM google_account WHERE id = $1 AND owner_id = $2")
                        .execute(Tuple.of(accountId, ownerId))
                : pool.preparedQuery("SELECT " + COLUMNS + " FROM google_account WHERE owner_id = $1 "
                        + "ORDER BY is_default DESC, created_at LIMIT 1").execute(Tuple.of(ownerId)))
                .await().atMost(DB_TIMEOUT);
        if (rows.size() == 0) {
            throw new AccountProblemException(ErrorCode.GOOGLE_ACCOUNT_MISSING,
                    "No Google account is connected: connect Google, then retry the job");
        }
        Row row = rows.iterator().next();
        UUID id = row.getUUID("id");
        if (!GoogleAccountStatus.isActive(row.getString("status"))) {
            throw new AccountProblemException(ErrorCode.GOOGLE_RECONNECT_REQUIRED,
                    "Google access was lost: reconnect Google, then retry the job");
        }
        String keyId = row.getString("key_id");
        byte[] refreshCiphertext = row.getBuffer("refresh_token_ciphertext").getBytes();
        String refreshToken = cipher.open(keyId, refreshCiphertext, TokenColumns.refresh(ownerId, id));
        String accessToken = null;
        Instant expiresAt = null;
        if (row.getBuffer("access_token_ciphertext") != null && row.getOffsetDateTime("access_token_expires_at") != null) {
            accessToken = cipher.open(keyId, row.getBuffer("access_token_ciphertext").getBytes(),
                    TokenColumns.access(ownerId, id));
            expiresAt = row.getOffsetDateTime("access_token_expires_at").toInstant();
        }
        UserCredentials credentials = factory.userCredentials(refreshToken, accessToken, expiresAt);
        AtomicReference<byte[]> stored = new AtomicReference<>(refreshCiphertext);
        credentials.addChangeListener(changed -> onRefresh(id, ownerId, refreshToken, stored, changed.getAccessToken()));
        return new Account(id, ownerId, row.getString("channel_id"), credentials);
    }

    /** An upload session URL as stored in {@code upload_job} (sealed: it uploads to the channel without a token). */
    public String sealSession(String ownerId, UUID jobId, String sessionUri) {
        return sessionUri == null ? null : cipher.sealText(sessionUri, TokenColumns.uploadSession(ownerId, jobId));
    }

    /** The stored upload session URL in clear (a value stored before encryption is read as it is). */
    public String openSession(String ownerId, UUID jobId, String stored) {
        return cipher.openText(stored, TokenColumns.uploadSession(ownerId, jobId));
    }

    /** Marks the account as needing a new consent (its refresh token was refused). */
    public void markReconnectRequired(UUID accountId, String reason) {
        pool.preparedQuery("UPDATE google_account SET status = 'reconnect_required', status_reason = $2, "
                + "updated_at = now() WHERE id = $1 AND status IN ('active', 'connected')")
                .execute(Tuple.of(accountId, reason))
                .await().atMost(DB_TIMEOUT);
    }

    private void onRefresh(UUID id, String ownerId, String refreshToken, AtomicReference<byte[]> stored,
            AccessToken token) {
        if (token == null) {
            return;
        }
        if (token.getScopes() != null && !token.getScopes().isEmpty()) {
            List<String> missing = GoogleScopes.missing(token.getScopes());
            if (!missing.isEmpty()) {
                String reason = "scope-missing: " + String.join(" ", missing);
                Log.warnf("Google account %s lost a scope vidferry needs (%s): reconnect required", id, reason);
                markReconnectRequired(id, reason);
                return;
            }
        }
        saveAccessToken(id, ownerId, refreshToken, stored, token);
    }

    /**
     * Compare-and-set: writes the refreshed access token only while the row still holds the refresh token this job
     * loaded (same ciphertext). A user who reconnected meanwhile has a newer refresh token there: it is kept, and this
     * job's access token is simply not cached. Both columns are rewritten with the active key (one key id per row).
     */
    private void saveAccessToken(UUID id, String ownerId, String refreshToken, AtomicReference<byte[]> stored,
            AccessToken token) {
        TokenCipher.Sealed access = cipher.seal(token.getTokenValue(), TokenColumns.access(ownerId, id));
        TokenCipher.Sealed refresh = cipher.seal(refreshToken, TokenColumns.refresh(ownerId, id));
        OffsetDateTime expiresAt = token.getExpirationTime() == null
                ? null
                : token.getExpirationTime().toInstant().atOffset(ZoneOffset.UTC);
        byte[] expected = stored.get();
        try {
            RowSet<Row> updated = pool.preparedQuery("UPDATE google_account SET key_id = $2, "
                    + "refresh_token_ciphertext = $3, access_token_ciphertext = $4, access_token_expires_at = $5, "
                    + "updated_at = now() WHERE id = $1 AND refresh_token_ciphertext = $6")
                    .execute(Tuple.from(List.of(id, access.keyId(), Buffer.buffer(refresh.ciphertext()),
                            Buffer.buffer(access.ciphertext()), expiresAt, Buffer.buffer(expected))))
                    .await().atMost(DB_TIMEOUT);
            if (updated.rowCount() == 1) {
                stored.compareAndSet(expected, refresh.ciphertext());
                Log.debugf("saved a refreshed access token of Google account %s", id);
            } else {
                Log.infof("Google account %s was reconnected or re-encrypted meanwhile: its newer tokens stay", id);
            }
        } catch (RuntimeException e) {
            Log.warnf("could not save a refreshed access token of Google account %s: %s", id,
                    e.getClass().getSimpleName());
        }
    }
}
