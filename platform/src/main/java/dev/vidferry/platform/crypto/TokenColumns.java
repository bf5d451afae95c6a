package dev.vidferry.platform.crypto;

import java.util.UUID;

/** The {@link TokenCipher.Binding}s of {@code google_account}'s encrypted columns, one place for every service. */
public final class TokenColumns {

    private TokenColumns() {
    }

    public static TokenCipher.Binding refresh(String ownerId, UUID accountId) {
        return TokenCipher.Binding.of(ownerId, accountId, "google_account.refresh_token");
    }

    public static TokenCipher.Binding access(String ownerId, UUID accountId) {
        return TokenCipher.Binding.of(ownerId, accountId, "google_account.access_token");
    }

    public static TokenCipher.Binding consentVerifier(String ownerId, UUID stateId) {
        return TokenCipher.Binding.of(ownerId, stateId, "google_consent_state.verifier");
    }

    public static TokenCipher.Binding uploadSession(String ownerId, UUID jobId) {
        return TokenCipher.Binding.of(ownerId, jobId, "upload_job.upload_session_uri");
    }
}
