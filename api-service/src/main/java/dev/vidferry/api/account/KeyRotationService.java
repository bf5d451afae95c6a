package dev.vidferry.api.account;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

import dev.vidferry.platform.crypto.Reencrypted;
import dev.vidferry.platform.crypto.TokenCipher;
import dev.vidferry.platform.crypto.TokenColumns;

/**
 * Re-seals every stored Google token with the active key and the current format, in batches (one transaction each,
 * rows locked: a worker's compare-and-set of a refreshed token waits, then finds the new ciphertext and leaves it).
 * Afterwards the old key can be removed from {@code vidferry.crypto.keys}.
 */
@ApplicationScoped
public class KeyRotationService {

    static final int BATCH = 100;
    /** PostgreSQL orders uuids as unsigned bytes: all zeros comes first. */
    private static final UUID FIRST = new UUID(0, 0);

    private final GoogleAccountRepository repository;
    private final GoogleAccountService accounts;
    private final TokenCipher cipher;

    public KeyRotationService(GoogleAccountRepository repository, GoogleAccountService accounts, TokenCipher cipher) {
        this.repository = repository;
        this.accounts = accounts;
        this.cipher = cipher;
    }

    private record Progress(UUID after, long reencrypted, long current, boolean done) {
    }

    /** Every {@code google_account} row; the job sessions and consent states are their features' own. */
    public Uni<Reencrypted> reencryptAll() {
        return from(new Progress(FIRST, 0, 0, false)).map(p -> new Reencrypted(p.reencrypted(), p.current()));
    }

    private Uni<Progress> from(Progress progress) {
        return Panache.withTransaction(() -> batch(progress))
                .chain(next -> next.done() ? Uni.createFrom().item(next) : from(next));
    }

    private Uni<Progress> batch(Progress from) {
        return repository.find("id > ?1 order by id", from.after())
                .withLock(LockModeType.PESSIMISTIC_WRITE).page(0, BATCH).list()
                .map(rows -> {
                    long reencrypted = from.reencrypted();
                    long current = from.current();
                    for (GoogleAccount account : rows) {
                        if (isCurrent(account)) {
                            current++;
                            continue;
                        }
                        accounts.seal(account, accounts.refreshTokenOf(account), accounts.accessTokenOf(account),
                                account.accessTokenExpiresAt);
                        reencrypted++;
                    }
                    return new Progress(rows.isEmpty() ? from.after() : rows.get(rows.size() - 1).id, reencrypted,
                            current, rows.size() < BATCH);
                });
    }

    private boolean isCurrent(GoogleAccount account) {
        return cipher.isCurrent(account.keyId, account.refreshTokenCiphertext,
                TokenColumns.refresh(account.ownerId, account.id))
                && (account.accessTokenCiphertext == null || cipher.isCurrent(account.keyId,
                        account.accessTokenCiphertext, TokenColumns.access(account.ownerId, account.id)));
    }
}
