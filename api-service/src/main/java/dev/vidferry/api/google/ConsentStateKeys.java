package dev.vidferry.api.google;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

import dev.vidferry.platform.crypto.Reencrypted;
import dev.vidferry.platform.crypto.TokenCipher;
import dev.vidferry.platform.crypto.TokenColumns;

/**
 * Re-seals the PKCE verifiers of started consents with the active key. They live at most {@code state-ttl}
 * (10 minutes): the expired ones are deleted instead, the rest (a handful) are rewritten in one transaction.
 */
@ApplicationScoped
public class ConsentStateKeys {

    private final ConsentStateRepository states;
    private final TokenCipher cipher;

    public ConsentStateKeys(ConsentStateRepository states, TokenCipher cipher) {
        this.states = states;
        this.cipher = cipher;
    }

    public Uni<Reencrypted> reencryptAll() {
        return Panache.withTransaction(() -> states.deleteExpired(Instant.now())
                .chain(() -> states.findAll().withLock(LockModeType.PESSIMISTIC_WRITE).list())
                .map(rows -> {
                    Reencrypted count = Reencrypted.NONE;
                    for (ConsentState state : rows) {
                        TokenCipher.Binding binding = TokenColumns.consentVerifier(state.ownerId, state.id);
                        boolean current = cipher.isCurrent(state.keyId, state.verifierCiphertext, binding);
                        if (!current) {
                            TokenCipher.Sealed sealed = cipher.seal(
                                    cipher.open(state.keyId, state.verifierCiphertext, binding), binding);
                            state.keyId = sealed.keyId();
                            state.verifierCiphertext = sealed.ciphertext();
                        }
                        count = count.plus(!current);
                    }
                    return count;
                }));
    }
}
