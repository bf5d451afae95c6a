package dev.vidferry.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import dev.vidferry.platform.crypto.CryptoConfig;
import dev.vidferry.platform.crypto.TokenCipher;
import dev.vidferry.platform.crypto.TokenColumns;

/** Rows sealed with a retired key (and the pre-V8 format) keep working; re-encryption moves them all to the active key. */
@QuarkusTest
@TestProfile(ApiTestProfile.class)
class KeyRotationTest {

    @Inject
    TokenCipher cipher;

    /** What the service used to be configured with: only the old key, active. */
    private static final TokenCipher BEFORE_ROTATION = new TokenCipher(new CryptoConfig() {

        @Override
        public String activeKeyId() {
            return "old";
        }

        @Override
        public Map<String, String> keys() {
            return Map.of("old", ApiTestProfile.OLD_KEY);
        }
    });

    @Test
    void rowsOfTheOldKeyStillWorkAndAfterReencryptionEveryRowCarriesTheNewKey() {
        Emulator.User olga = Emulator.newUser("olga");
        UUID account = UUID.randomUUID();
        TokenCipher.Sealed legacy = BEFORE_ROTATION.encrypt(olga.refreshToken(), olga.sub());
        Db.execute("INSERT INTO google_account (id, owner_id, project_id, key_id, refresh_token_ciphertext, scopes, "
                + "is_default) VALUES (?, ?, 'default', 'old', ?, ?::text[], true)", account, olga.sub(),
                legacy.ciphertext(), "{https://www.googleapis.com/auth/youtube.upload}");

        Api.newJob(olga, "sealed with the old key"); // decrypts the old row

        given().header("Authorization", "Bearer " + AuthTest.admin()).post("/api/v1/admin/keys/reencrypt").then()
                .statusCode(200).body("activeKeyId", equalTo("test"));

        assertThat(Db.count("SELECT count(*) FROM google_account WHERE key_id <> 'test'")).isZero();
        Map<String, Object> row = Db.row("SELECT key_id, refresh_token_ciphertext FROM google_account WHERE id = ?",
                account);
        assertThat(cipher.isCurrent("test", (byte[]) row.get("refresh_token_ciphertext"),
                TokenColumns.refresh(olga.sub(), account))).isTrue();
        assertThat(cipher.open("test", (byte[]) row.get("refresh_token_ciphertext"),
                TokenColumns.refresh(olga.sub(), account))).isEqualTo(olga.refreshToken());
        Api.newJob(olga, "sealed with the new key");
    }

    @Test
    void reencryptionAlsoMovesUploadSessionUrlsAndConsentVerifiersToTheNewKey() {
        Emulator.User pia = Emulator.newUser("pia");
        Api.connectGoogle(pia);
        UUID oldSealed = UUID.fromString(Api.newJob(pia, "session sealed with the old key"));
        UUID inClear = UUID.fromString(Api.newJob(pia, "session stored before encryption"));
        String oldUrl = "https://upload.example/upload?upload_id=old-" + oldSealed;
        String clearUrl = "https://upload.example/upload?upload_id=clear-" + inClear;
        Db.execute("UPDATE upload_job SET upload_session_uri = ? WHERE id = ?",
                BEFORE_ROTATION.sealText(oldUrl, TokenColumns.uploadSession(pia.sub(), oldSealed)), oldSealed);
        Db.execute("UPDATE upload_job SET upload_session_uri = ? WHERE id = ?", clearUrl, inClear);
        // a consent in progress whose PKCE verifier was sealed with the old key
        given().redirects().follow(false).header("Authorization", pia.bearer()).get("/api/v1/google/connect").then()
                .statusCode(302);
        Map<String, Object> state = Db.row("SELECT id, key_id, verifier_ciphertext FROM google_consent_state "
                + "WHERE owner_id = ?", pia.sub());
        UUID stateId = (UUID) state.get("id");
        String verifier = cipher.open((String) state.get("key_id"), (byte[]) state.get("verifier_ciphertext"),
                TokenColumns.consentVerifier(pia.sub(), stateId));
        Db.execute("UPDATE google_consent_state SET key_id = 'old', verifier_ciphertext = ? WHERE id = ?",
                BEFORE_ROTATION.seal(verifier, TokenColumns.consentVerifier(pia.sub(), stateId)).ciphertext(),
                stateId);

        given().header("Authorization", "Bearer " + AuthTest.admin()).post("/api/v1/admin/keys/reencrypt").then()
                .statusCode(200).body("activeKeyId", equalTo("test"))
                .body("tables.upload_job.reencrypted", org.hamcrest.Matchers.greaterThanOrEqualTo(2))
                .body("tables.google_consent_state.reencrypted", org.hamcrest.Matchers.greaterThanOrEqualTo(1));

        assertThat(Db.count("SELECT count(*) FROM upload_job WHERE upload_session_uri IS NOT NULL "
                + "AND upload_session_uri NOT LIKE 'vfenc1:test:%'")).as("sessions not under the new key").isZero();
        assertThat(Db.count("SELECT count(*) FROM google_consent_state WHERE key_id <> 'test'")).isZero();
        for (Map.Entry<UUID, String> job : Map.of(oldSealed, oldUrl, inClear, clearUrl).entrySet()) {
            String stored = (String) Db.row("SELECT upload_session_uri FROM upload_job WHERE id = ?", job.getKey())
                    .get("upload_session_uri");
            assertThat(stored).doesNotContain("upload.example");
            assertThat(cipher.isCurrentText(stored, TokenColumns.uploadSession(pia.sub(), job.getKey()))).isTrue();
            assertThat(cipher.openText(stored, TokenColumns.uploadSession(pia.sub(), job.getKey())))
                    .isEqualTo(job.getValue());
        }
        Map<String, Object> resealed = Db.row("SELECT key_id, verifier_ciphertext FROM google_consent_state "
                + "WHERE id = ?", stateId);
        assertThat(cipher.open("test", (byte[]) resealed.get("verifier_ciphertext"),
                TokenColumns.consentVerifier(pia.sub(), stateId))).isEqualTo(verifier);
    }
}
