package dev.vidferry.api.admin;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

import dev.vidferry.api.account.KeyRotationService;
import dev.vidferry.api.google.ConsentStateKeys;
import dev.vidferry.api.job.JobSessionKeys;
import dev.vidferry.model.api.KeyReencryptionResult;
import dev.vidferry.platform.crypto.Reencrypted;
import dev.vidferry.platform.crypto.TokenCipher;

/**
 * Re-encrypts everything sealed at rest with the active key, one table after the other, each by its owner: Google
 * tokens, upload session URLs, consent verifiers. Afterwards the old key can leave {@code vidferry.crypto.keys}.
 */
@ApplicationScoped
public class KeyReencryption {

    private final KeyRotationService accounts;
    private final JobSessionKeys sessions;
    private final ConsentStateKeys consents;
    private final TokenCipher cipher;

    public KeyReencryption(KeyRotationService accounts, JobSessionKeys sessions, ConsentStateKeys consents,
            TokenCipher cipher) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.consents = consents;
        this.cipher = cipher;
    }

    public Uni<KeyReencryptionResult> reencryptAll() {
        Map<String, KeyReencryptionResult.Rows> tables = new LinkedHashMap<>();
        return accounts.reencryptAll().invoke(count -> tables.put("google_account", rows(count)))
                .chain(sessions::reencryptAll).invoke(count -> tables.put("upload_job", rows(count)))
                .chain(consents::reencryptAll).invoke(count -> tables.put("google_consent_state", rows(count)))
                .map(last -> {
                    long reencrypted = tables.values().stream().mapToLong(KeyReencryptionResult.Rows::reencrypted)
                            .sum();
                    long current = tables.values().stream().mapToLong(KeyReencryptionResult.Rows::alreadyCurrent)
                            .sum();
                    Log.infof("re-encrypted %d rows with key %s (%d already current): %s", reencrypted,
                            cipher.activeKeyId(), current, tables);
                    return new KeyReencryptionResult(cipher.activeKeyId(), reencrypted, current, Map.copyOf(tables));
                });
    }

    private static KeyReencryptionResult.Rows rows(Reencrypted count) {
        return new KeyReencryptionResult.Rows(count.reencrypted(), count.alreadyCurrent());
    }
}
