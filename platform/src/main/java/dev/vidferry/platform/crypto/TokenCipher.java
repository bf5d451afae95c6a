package dev.vidferry.platform.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * AES-256-GCM for secrets at rest. A ciphertext is {@code iv(12) || ciphertext || tag(16)}; the associated
 * data binds it to its row (e.g. the owner id), so a ciphertext copied to another user's row won't decrypt.
 */
@ApplicationScoped
public class TokenCipher {

    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecureRandom random = new SecureRandom();
    private final Map<String, SecretKey> keys = new HashMap<>();
    private final String activeKeyId;

    public TokenCipher(CryptoConfig config) {
        config.keys().forEach((id, encoded) -> {
            byte[] raw = Base64.getDecoder().decode(encoded.trim());
            if (raw.length != 32) {
                throw new IllegalStateException("vidferry.crypto.keys." + id + " must be 32 bytes (base64), it has "
                        + raw.length);
            }
            keys.put(id, new SecretKeySpec(raw, "AES"));
        });
        if (!keys.containsKey(config.activeKeyId())) {
            throw new IllegalStateException("vidferry.crypto.active-key-id '" + config.activeKeyId()
                    + "' names no key in vidferry.crypto.keys");
        }
        this.activeKeyId = config.activeKeyId();
    }

    /** A ciphertext and the id of the key that made it. */
    public record Sealed(String keyId, byte[] ciphertext) {
    }

    /** Encrypts {@code plaintext} with the active key, bound to {@code associatedData}. */
    public Sealed encrypt(String plaintext, String associatedData) {
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(activeKeyId), new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
            byte[] body = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return new Sealed(activeKeyId, ByteBuffer.allocate(iv.length + body.length).put(iv).put(body).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("encryption failed", e);
        }
    }

    /** Decrypts a ciphertext made by {@link #encrypt} with key {@code keyId} and the same associated data. */
    public String decrypt(String keyId, byte[] sealed, String associatedData) {
        SecretKey key = keys.get(keyId);
        if (key == null) {
            throw new IllegalStateException("no key '" + keyId + "' configured in vidferry.crypto.keys");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 0, IV_BYTES));
            cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(sealed, IV_BYTES, sealed.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("decryption failed (wrong key or tampered ciphertext)", e);
        }
    }

    /** Whether a row sealed with {@code keyId} should be re-encrypted with the active key. */
    public boolean needsRotation(String keyId) {
        return !activeKeyId.equals(keyId);
    }
}
