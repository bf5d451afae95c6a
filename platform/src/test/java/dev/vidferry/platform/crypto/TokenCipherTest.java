package dev.vidferry.platform.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.Test;

class TokenCipherTest {

    private static String key(int fill) {
        byte[] raw = new byte[32];
        java.util.Arrays.fill(raw, (byte) fill);
        return Base64.getEncoder().encodeToString(raw);
    }

    private static CryptoConfig config(String active, Map<String, String> keys) {
        return new CryptoConfig() {

            @Override
            public String activeKeyId() {
                return active;
            }

            @Override
            public Map<String, String> keys() {
                return keys;
            }
        };
    }

    @Test
    void roundTripsAndNeverShowsThePlaintext() {
        TokenCipher cipher = new TokenCipher(config("k1", Map.of("k1", key(1))));
        TokenCipher.Sealed sealed = cipher.encrypt("1//refresh-token", "alice");
        assertThat(sealed.keyId()).isEqualTo("k1");
        assertThat(new String(sealed.ciphertext(), java.nio.charset.StandardCharsets.ISO_8859_1))
                .doesNotContain("refresh");
        assertThat(cipher.decrypt("k1", sealed.ciphertext(), "alice")).isEqualTo("1//refresh-token");
        assertThat(cipher.encrypt("1//refresh-token", "alice").ciphertext()).isNotEqualTo(sealed.ciphertext());
    }

    @Test
    void aCiphertextMovedToAnotherOwnerDoesNotDecrypt() {
        TokenCipher cipher = new TokenCipher(config("k1", Map.of("k1", key(1))));
        TokenCipher.Sealed sealed = cipher.encrypt("secret", "alice");
        assertThatThrownBy(() -> cipher.decrypt("k1", sealed.ciphertext(), "bob"))
                .hasMessageContaining("decryption failed");
    }

    @Test
    void oldKeysStillDecryptAfterRotation() {
        TokenCipher before = new TokenCipher(config("k1", Map.of("k1", key(1))));
        TokenCipher.Sealed old = before.encrypt("secret", "alice");
        TokenCipher after = new TokenCipher(config("k2", Map.of("k1", key(1), "k2", key(2))));
        assertThat(after.decrypt(old.keyId(), old.ciphertext(), "alice")).isEqualTo("secret");
        assertThat(after.needsRotation(old.keyId())).isTrue();
        assertThat(after.encrypt("secret", "alice").keyId()).isEqualTo("k2");
    }

    @Test
    void refusesKeysOfTheWrongSizeOrAMissingActiveKey() {
        assertThatThrownBy(() -> new TokenCipher(config("k1", Map.of("k1", "c2hvcnQ="))))
                .hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> new TokenCipher(config("k9", Map.of("k1", key(1)))))
                .hasMessageContaining("k9");
    }

    private static final java.util.UUID ROW = java.util.UUID.randomUUID();

    @Test
    void aSealedTokenOpensOnlyWithItsOwnerRowAndColumn() {
        TokenCipher cipher = new TokenCipher(config("k1", Map.of("k1", key(1))));
        TokenCipher.Binding binding = TokenCipher.Binding.of("alice", ROW, "refresh_token");
        TokenCipher.Sealed sealed = cipher.seal("1//refresh-token", binding);

        assertThat(sealed.keyId()).isEqualTo("k1");
        assertThat(new String(sealed.ciphertext(), java.nio.charset.StandardCharsets.ISO_8859_1))
                .doesNotContain("refresh-token");
        assertThat(cipher.open("k1", sealed.ciphertext(), binding)).isEqualTo("1//refresh-token");
        assertThat(cipher.seal("1//refresh-token", binding).ciphertext()).isNotEqualTo(sealed.ciphertext());
        assertThatThrownBy(() -> cipher.open("k1", sealed.ciphertext(), TokenCipher.Binding.of("bob", ROW,
                "refresh_token"))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> cipher.open("k1", sealed.ciphertext(), TokenCipher.Binding.of("alice",
                java.util.UUID.randomUUID(), "refresh_token"))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> cipher.open("k1", sealed.ciphertext(), TokenCipher.Binding.of("alice", ROW,
                "access_token"))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void legacyOwnerBoundRowsStillOpenAndAreNotCurrent() {
        TokenCipher cipher = new TokenCipher(config("k1", Map.of("k1", key(1))));
        TokenCipher.Binding binding = TokenCipher.Binding.of("alice", ROW, "refresh_token");
        for (int i = 0; i < 600; i++) { // enough legacy IVs that some start with the v2 format byte
            TokenCipher.Sealed legacy = cipher.encrypt("legacy-" + i, "alice");
            assertThat(cipher.open("k1", legacy.ciphertext(), binding)).isEqualTo("legacy-" + i);
            assertThat(cipher.isCurrent("k1", legacy.ciphertext(), binding)).isFalse();
        }
        assertThat(cipher.isCurrent("k1", cipher.seal("new", binding).ciphertext(), binding)).isTrue();
    }

    @Test
    void afterRotationOldRowsOpenAndNewOnesUseTheNewKey() {
        TokenCipher.Binding binding = TokenCipher.Binding.of("alice", ROW, "access_token");
        TokenCipher before = new TokenCipher(config("k1", Map.of("k1", key(1))));
        TokenCipher.Sealed old = before.seal("ya29.old", binding);

        TokenCipher after = new TokenCipher(config("k2", Map.of("k1", key(1), "k2", key(2))));
        assertThat(after.open(old.keyId(), old.ciphertext(), binding)).isEqualTo("ya29.old");
        assertThat(after.isCurrent(old.keyId(), old.ciphertext(), binding)).isFalse();
        TokenCipher.Sealed resealed = after.seal("ya29.old", binding);
        assertThat(resealed.keyId()).isEqualTo("k2");
        assertThatThrownBy(() -> after.open("k1", resealed.ciphertext(), binding))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aSealedTextIsCurrentOnlyUnderTheActiveKeyAndAClearValueNever() {
        TokenCipher before = new TokenCipher(config("k1", Map.of("k1", key(1))));
        TokenCipher after = new TokenCipher(config("k2", Map.of("k1", key(1), "k2", key(2))));
        TokenCipher.Binding session = TokenColumns.uploadSession("alice", java.util.UUID.randomUUID());
        String old = before.sealText("https://upload.example/s/1", session);

        assertThat(before.isCurrentText(old, session)).isTrue();
        assertThat(after.isCurrentText(old, session)).isFalse();
        assertThat(after.isCurrentText(after.sealText("https://upload.example/s/1", session), session)).isTrue();
        assertThat(after.isCurrentText("https://upload.example/s/1", session)).as("stored in clear").isFalse();
        assertThat(after.isCurrentText(old, TokenColumns.uploadSession("bob", java.util.UUID.randomUUID())))
                .as("bound to another row").isFalse();
    }
}
