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
 * AES-256-GCM for secrets at rest, with a random 96-bit nonce per encryption and the key id stored beside each row.
 * <p>
 * Current format ({@link #seal}): {@code 0x02 || iv(12) || ciphertext || tag(16)}, associated data = owner + row id +
 * column ({@link Binding}), so a ciphertext copied to another user's row, another row or another column won't decrypt.
 * Legacy format ({@link #encrypt}, rows written before V8): {@code iv || ciphertext || tag}, associated data = owner id;
 * {@link #open} still reads it, and re-encryption ({@code POST /api/v1/admin/keys/reencrypt}) rewrites it.
 * <p>
 * Rotation: configure a new key, make it active (it encrypts everything new), keep the old keys (they still decrypt)
 * until re-encryption has moved every row to the active key.
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

    private static final byte FORMAT_V2 = 2;

    /** A ciphertext and the id of the key that made it. */
    public record Sealed(String keyId, byte[] ciphertext) {
    }

    /** What a ciphertext is bound to: its owner, its row and its column. */
    public record Binding(String ownerId, java.util.UUID rowId, String column) {

        public static Binding of(String ownerId, java.util.UUID rowId, String column) {
            return new Binding(ownerId, rowId, column);
        }

        byte[] associatedData() {
            return ("vidferry/v2\0" + ownerId + "\0" + rowId + "\0" + column).getBytes(StandardCharsets.UTF_8);
        }
    }

    /** The id of the key new ciphertexts are written with. */
    public String activeKeyId() {
        return activeKeyId;
    }

    /** Encrypts {@code plaintext} with the active key, bound to its owner, row and column. */
    public Sealed seal(String plaintext, Binding binding) {
        byte[] body = gcm(Cipher.ENCRYPT_MODE, keys.get(activeKeyId), null, binding.associatedData(),
                plaintext.getBytes(StandardCharsets.UTF_8));
        return new Sealed(activeKeyId, ByteBuffer.allocate(1 + body.length).put(FORMAT_V2).put(body).array());
    }

    /**
     * Decrypts a ciphertext made by {@link #seal} with key {@code keyId} and the same binding; a legacy ciphertext
     * (made by {@link #encrypt} with the owner id) is read too.
     */
    public String open(String keyId, byte[] sealed, Binding binding) {
        SecretKey key = key(keyId);
        if (sealed.length > 1 + IV_BYTES && sealed[0] == FORMAT_V2) {
            try {
                byte[] plain = gcm(Cipher.DECRYPT_MODE, key, java.util.Arrays.copyOfRange(sealed, 1, 1 + IV_BYTES),
                        binding.associatedData(), java.util.Arrays.copyOfRange(sealed, 1 + IV_BYTES, sealed.length));
                return new String(plain, StandardCharsets.UTF_8);
            } catch (IllegalStateException e) {
                // a legacy ciphertext whose random IV starts with 0x02 (1 in 256): try the legacy format below
            }
        }
        return decrypt(keyId, sealed, binding.ownerId());
    }

    private static final String TEXT_PREFIX = "vfenc1:";

    /**
     * For a text column: {@link #seal} as {@code vfenc1:<keyId>:<base64>} (the key id travels in the value). Used for
     * upload session URLs, which upload to the channel without any token.
     */
    public String sealText(String plaintext, Binding binding) {
        Sealed sealed = seal(plaintext, binding);
        return TEXT_PREFIX + sealed.keyId() + ":" + Base64.getEncoder().encodeToString(sealed.ciphertext());
    }

    /** Opens {@link #sealText}'s value; a value written before encryption (no prefix) is answered as it is. */
    public String openText(String stored, Binding binding) {
        if (stored == null || !stored.startsWith(TEXT_PREFIX)) {
            return stored;
        }
        int colon = stored.indexOf(':', TEXT_PREFIX.length());
        return open(stored.substring(TEXT_PREFIX.length(), colon), Base64.getDecoder().decode(stored.substring(colon + 1)),
                binding);
    }

    /** Whether a {@link #sealText} value is sealed with the active key (false for a value stored in clear). */
    public boolean isCurrentText(String stored, Binding binding) {
        if (stored == null || !stored.startsWith(TEXT_PREFIX)) {
            return false;
        }
        int colon = stored.indexOf(':', TEXT_PREFIX.length());
        return colon > 0 && isCurrent(stored.substring(TEXT_PREFIX.length(), colon),
                Base64.getDecoder().decode(stored.substring(colon + 1)), binding);
    }

    /** Whether a ciphertext is in the current format with the active key (re-encryption can skip it). */
    public boolean isCurrent(String keyId, byte[] sealed, Binding binding) {
        if (!activeKeyId.equals(keyId) || sealed.length <= 1 + IV_BYTES || sealed[0] != FORMAT_V2) {
            return false;
        }
        try {
            gcm(Cipher.DECRYPT_MODE, key(keyId), java.util.Arrays.copyOfRange(sealed, 1, 1 + IV_BYTES),
                    binding.associatedData(), java.util.Arrays.copyOfRange(sealed, 1 + IV_BYTES, sealed.length));
            return true;
        } catch (IllegalStateException e) {
            return false;
        }
    }

    /** iv || body for encryption (iv null: a random one is made and prepended); the plaintext for decryption. */
    private byte[] gcm(int mode, SecretKey key, byte[] iv, byte[] aad, byte[] input) {
        try {
            byte[] nonce = iv;
            if (nonce == null) {
                nonce = new byte[IV_BYTES];
                random.nextBytes(nonce);
            }
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(aad);
            byte[] out = cipher.doFinal(input);
            return iv == null ? ByteBuffer.allocate(IV_BYTES + out.length).put(nonce).put(out).array() : out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(mode == Cipher.ENCRYPT_MODE
                    ? "encryption failed"
                    : "decryption failed (wrong key or tampered ciphertext)", e);
        }
    }

    private SecretKey key(String keyId) {
        SecretKey key = keys.get(keyId);
        if (key == null) {
            throw new IllegalStateException("no key '" + keyId + "' configured in vidferry.crypto.keys");
        }
        return key;
    }

    /** Legacy format: encrypts with the active key, bound to {@code associatedData} only; prefer {@link #seal}. */
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
        SecretKey key = key(keyId);
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
