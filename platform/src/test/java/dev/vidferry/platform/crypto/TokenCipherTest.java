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
}
