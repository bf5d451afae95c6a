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
}
