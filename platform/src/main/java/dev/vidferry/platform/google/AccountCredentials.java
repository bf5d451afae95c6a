package dev.vidferry.platform.google;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.google.auth.oauth2.UserCredentials;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

import dev.vidferry.model.api.GoogleAccountStatus;
import dev.vidferry.platform.crypto.TokenCipher;
import dev.vidferry.platform.crypto.TokenColumns;

/**
 * Reads a stored Google account (an owner's given account, or their default one) as refreshing credentials, for
 * background work that is not a job (scheduled folder syncs). Read-only: a refreshed access token is used, not saved
 * (the worker's {@code GoogleAccounts} saves its refreshes; moving it here would make this the one reader).
 */
@ApplicationScoped
public class AccountCredentials {

    private static final String COLUMNS = "id, status, key_id, refresh_token_ciphertext, access_token_ciphertext, "
            + "access_token_expires_at";

    private final Pool pool;
    private final TokenCipher cipher;
    private final GoogleCredentialsFactory factory;

    public AccountCredentials(Pool pool, TokenCipher cipher, GoogleCredentialsFactory factory) {
        this.pool = pool;
        this.cipher = cipher;
        this.factory = factory;
    }

    /** The account cannot be used: none connected, or it must be reconnected. The message is safe to show. */
    public static final class Unusable extends RuntimeException {

        public Unusable(String message) {
            super(message, null, false, false);
        }
    }

    /** A usable account: its row id and credentials. */
    public record Loaded(UUID accountId, UserCredentials credentials) {
    }

    /** The account {@code accountId} of {@code ownerId}, or (null) the owner's default account; fails with {@link Unusable}. */
    public Uni<Loaded> load(String ownerId, UUID accountId) {
        var query = accountId != null
                ? pool.preparedQuery("SELECT " + COLUMNS + " FROM google_account WHERE id = $1 AND owner_id = $2")
                        .execute(Tuple.of(accountId, ownerId))
                : pool.preparedQuery("SELECT " + COLUMNS + " FROM google_account WHERE owner_id = $1 "
                        + "ORDER BY is_default DESC, created_at LIMIT 1").execute(Tuple.of(ownerId));
        return query.map(rows -> {
            if (rows.size() == 0) {
                throw new Unusable(accountId == null
                        ? "no Google account is connected"
                        : "Google account " + accountId + " is not connected any more");
            }
            return credentials(ownerId, rows.iterator().next());
        });
    }

    private Loaded credentials(String ownerId, Row row) {
        UUID id = row.getUUID("id");
        if (!GoogleAccountStatus.isActive(row.getString("status"))) {
            throw new Unusable("Google account " + id + " must be reconnected");
        }
        String keyId = row.getString("key_id");
        String refresh = cipher.open(keyId, row.getBuffer("refresh_token_ciphertext").getBytes(),
                TokenColumns.refresh(ownerId, id));
        String access = null;
        Instant expiresAt = null;
        if (row.getBuffer("access_token_ciphertext") != null && row.getOffsetDateTime("access_token_expires_at") != null) {
            access = cipher.open(keyId, row.getBuffer("access_token_ciphertext").getBytes(),
                    TokenColumns.access(ownerId, id));
            expiresAt = row.getOffsetDateTime("access_token_expires_at").toInstant();
        }
        return new Loaded(id, factory.userCredentials(refresh, access, expiresAt));
    }
}
