package dev.vidferry.platform.crypto;

import java.util.Map;

import io.smallrye.config.ConfigMapping;

/** Keys that encrypt Google tokens at rest. Rotate by adding a key, making it active, keeping the old one. */
@ConfigMapping(prefix = "vidferry.crypto")
public interface CryptoConfig {

    /** Id of the key new ciphertexts are written with; must be a key of {@link #keys()}. */
    String activeKeyId();

    /** Key id -> base64 of a 32-byte AES-256 key. Old keys stay here until no row uses them. */
    Map<String, String> keys();
}
