package dev.vidferry.worker.google;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.UserCredentials;

import io.quarkus.logging.Log;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

import dev.vidferry.model.job.ErrorCode;
import dev.vidferry.platform.crypto.TokenCipher;
import dev.vidferry.platform.google.GoogleCredentialsFactory;

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
                        + "ORDER BY (account_key = 'default') DESC, created_at LIMIT 1").execute(Tuple.of(ownerId)))
                .await().atMost(DB_TIMEOUT);
        if (rows.size() == 0) {
            throw new AccountProblemException(ErrorCode.GOOGLE_ACCOUNT_MISSING,
                    "No Google account is connected: connect Google, then retry the job");
        }
        Row row = rows.iterator().next();
        UUID id = row.getUUID("id");
        if (!"connected".equals(row.getString("status"))) {
            throw new AccountProblemException(ErrorCode.GOOGLE_RECONNECT_REQUIRED,
                    "Google access was lost: reconnect Google, then retry the job");
        }
        String keyId = row.getString("key_id");
        String refreshToken = cipher.decrypt(keyId, row.getBuffer("refresh_token_ciphertext").getBytes(), ownerId);
        String accessToken = null;
        Instant expiresAt = null;
        if (row.getBuffer("access_token_ciphertext") != null && row.getOffsetDateTime("access_token_expires_at") != null) {
            accessToken = cipher.decrypt(keyId, row.getBuffer("access_token_ciphertext").getBytes(), ownerId);
            expiresAt = row.getOffsetDateTime("access_token_expires_at").toInstant();
        }
        UserCredentials credentials = factory.userCredentials(refreshToken, accessToken, expiresAt);
        credentials.addChangeListener(changed -> saveAccessToken(id, ownerId, refreshToken, changed.getAccessToken()));
        return new Account(id, ownerId, row.getString("channel_id"), credentials);
    }

    /** Marks the account as needing a new consent (its refresh token was refused). */
    public void markReconnectRequired(UUID accountId, String reason) {
        pool.preparedQuery("UPDATE google_account SET status = 'reconnect_required', status_reason = $2, "
                + "updated_at = now() WHERE id = $1 AND status = 'connected'")
                .execute(Tuple.of(accountId, reason))
                .await().atMost(DB_TIMEOUT);
    }

    private void saveAccessToken(UUID id, String ownerId, String refreshToken, AccessToken token) {
        if (token == null) {
            return;
        }
        // both tokens are written with the active key: the row has one key id
        TokenCipher.Sealed access = cipher.encrypt(token.getTokenValue(), ownerId);
        TokenCipher.Sealed refresh = cipher.encrypt(refreshToken, ownerId);
        OffsetDateTime expiresAt = token.getExpirationTime() == null
                ? null
                : token.getExpirationTime().toInstant().atOffset(ZoneOffset.UTC);
        try {
            pool.preparedQuery("UPDATE google_account SET key_id = $2, refresh_token_ciphertext = $3, "
                    + "access_token_ciphertext = $4, access_token_expires_at = $5, updated_at = now() WHERE id = $1")
                    .execute(Tuple.of(id, access.keyId(), io.vertx.core.buffer.Buffer.buffer(refresh.ciphertext()),
                            io.vertx.core.buffer.Buffer.buffer(access.ciphertext()), expiresAt))
                    .await().atMost(DB_TIMEOUT);
            Log.debugf("saved a refreshed access token of Google account %s", id);
        } catch (RuntimeException e) {
            Log.warnf("could not save a refreshed access token of Google account %s: %s", id, e.toString());
        }
    }
}
