package dev.vidferry.worker.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import dev.vidferry.platform.crypto.TokenCipher;
import dev.vidferry.platform.crypto.TokenColumns;
import dev.vidferry.platform.google.GoogleScopes;
import dev.vidferry.worker.google.GoogleAccounts;
import dev.vidferry.worker.it.UploadJobTest.Owner;

/** What the worker writes back when it refreshes an access token in the middle of a job. */
@QuarkusTest
@TestProfile(WorkerTestProfile.class)
class TokenRefreshTest {

    @Inject
    TokenCipher cipher;
    @Inject
    GoogleAccounts accounts;

    private String storedRefreshToken(Owner owner) {
        Map<String, Object> row = Jobs.query("SELECT key_id, refresh_token_ciphertext FROM google_account WHERE id = ?",
                owner.accountId()).get(0);
        return cipher.open((String) row.get("key_id"), (byte[]) row.get("refresh_token_ciphertext"),
                TokenColumns.refresh(owner.id(), owner.accountId()));
    }

    @Test
    void aRefreshedAccessTokenIsSavedSealedToItsRow() throws Exception {
        Owner owner = Owner.create(cipher);
        GoogleAccounts.Account account = accounts.load(owner.id(), owner.accountId());

        account.credentials().refresh();

        Map<String, Object> row = Jobs.query("SELECT key_id, access_token_ciphertext FROM google_account WHERE id = ?",
                owner.accountId()).get(0);
        assertThat(cipher.open((String) row.get("key_id"), (byte[]) row.get("access_token_ciphertext"),
                TokenColumns.access(owner.id(), owner.accountId())))
                .isEqualTo(account.credentials().getAccessToken().getTokenValue());
        assertThat(storedRefreshToken(owner)).isEqualTo(owner.refreshToken());
        // a second refresh in the same job still writes (it compares with what it wrote itself)
        account.credentials().refresh();
        assertThat(cipher.open((String) row.get("key_id"), (byte[]) Jobs.query(
                "SELECT access_token_ciphertext FROM google_account WHERE id = ?", owner.accountId()).get(0)
                .get("access_token_ciphertext"), TokenColumns.access(owner.id(), owner.accountId())))
                .isEqualTo(account.credentials().getAccessToken().getTokenValue());
    }

    @Test
    void aReconnectDuringALongUploadSurvivesTheWorkersNextTokenRefresh() throws Exception {
        Owner owner = Owner.create(cipher);
        GoogleAccounts.Account account = accounts.load(owner.id(), owner.accountId()); // the job starts

        // the user reconnects meanwhile: the api stores a new refresh token in the same row
        String newer = Emulator.client().issueTokens(owner.username(), null, null).path("refreshToken").asText();
        assertThat(newer).isNotBlank().isNotEqualTo(owner.refreshToken());
        TokenCipher.Sealed sealed = cipher.seal(newer, TokenColumns.refresh(owner.id(), owner.accountId()));
        Jobs.update("UPDATE google_account SET key_id = ?, refresh_token_ciphertext = ?, access_token_ciphertext = "
                + "NULL, access_token_expires_at = NULL WHERE id = ?", sealed.keyId(), sealed.ciphertext(),
                owner.accountId());

        account.credentials().refresh(); // the long upload's access token expires

        assertThat(storedRefreshToken(owner)).isEqualTo(newer);
        assertThat(Jobs.query("SELECT access_token_ciphertext FROM google_account WHERE id = ?", owner.accountId())
                .get(0).get("access_token_ciphertext")).isNull();
    }

    @Test
    void aRefreshThatNoLongerGrantsYoutubeReadonlyMarksTheAccountForReconnect() throws Exception {
        Owner owner = Owner.create(cipher);
        GoogleAccounts.Account account = accounts.load(owner.id(), owner.accountId());
        Emulator.client().declineScopes(owner.username(), GoogleScopes.YOUTUBE_READONLY);

        account.credentials().refresh();

        assertThat(Jobs.query("SELECT status, status_reason FROM google_account WHERE id = ?", owner.accountId())
                .get(0)).containsEntry("status", "reconnect_required")
                .containsEntry("status_reason", "scope-missing: " + GoogleScopes.YOUTUBE_READONLY);
    }
}
