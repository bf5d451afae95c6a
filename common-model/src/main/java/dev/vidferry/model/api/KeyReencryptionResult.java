package dev.vidferry.model.api;

import java.util.Map;

/**
 * Outcome of {@code POST /api/v1/admin/keys/reencrypt}.
 *
 * @param activeKeyId the key every row is now sealed with
 * @param reencrypted rows rewritten (older key, legacy format, or a value stored in clear), all tables
 * @param alreadyCurrent rows that were already sealed with the active key, all tables
 * @param tables the same per table and column: {@code google_account} (tokens), {@code upload_job} (upload session
 *        URLs), {@code google_consent_state} (PKCE verifiers of started consents)
 */
public record KeyReencryptionResult(String activeKeyId, long reencrypted, long alreadyCurrent,
        Map<String, Rows> tables) {

    /** Rows of one table. */
    public record Rows(long reencrypted, long alreadyCurrent) {
    }
}
