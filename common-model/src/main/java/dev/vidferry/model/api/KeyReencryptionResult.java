package dev.vidferry.model.api;

/**
 * Outcome of {@code POST /api/v1/admin/keys/reencrypt}.
 *
 * @param activeKeyId the key every row is now sealed with
 * @param reencrypted rows rewritten (older key or legacy format)
 * @param alreadyCurrent rows that were already sealed with the active key
 */
public record KeyReencryptionResult(String activeKeyId, long reencrypted, long alreadyCurrent) {
}
