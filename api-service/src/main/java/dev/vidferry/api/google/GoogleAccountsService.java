package dev.vidferry.api.google;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

import dev.vidferry.api.account.GoogleAccountRepository;
import dev.vidferry.api.account.GoogleAccountService;
import dev.vidferry.api.account.GoogleTokens;
import dev.vidferry.api.common.ApiException;
import dev.vidferry.api.common.BlockingCalls;
import dev.vidferry.model.api.GoogleAccountList;
import dev.vidferry.model.api.GoogleAccountSummary;

/** The caller's several Google accounts: list, default, disconnect (which revokes the grant at Google). */
@ApplicationScoped
public class GoogleAccountsService {

    private final GoogleAccountRepository repository;
    private final GoogleAccountService accounts;
    private final GoogleTokens tokens;
    private final BlockingCalls blocking;

    public GoogleAccountsService(GoogleAccountRepository repository, GoogleAccountService accounts,
            GoogleTokens tokens, BlockingCalls blocking) {
        this.repository = repository;
        this.accounts = accounts;
        this.tokens = tokens;
        this.blocking = blocking;
    }

    @WithSession
    public Uni<GoogleAccountList> list(String ownerId) {
        return repository.listByOwner(ownerId)
                .map(list -> new GoogleAccountList(list.stream().map(GoogleAccountService::summary).toList()));
    }

    @WithTransaction
    public Uni<GoogleAccountSummary> makeDefault(String ownerId, String id) {
        UUID accountId = parse(id);
        return repository.findOwned(accountId, ownerId).chain(account -> {
            if (account == null) {
                return Uni.createFrom().failure(ApiException.notFound("Google account"));
            }
            return repository.update("isDefault = false where ownerId = ?1 and isDefault = true", ownerId)
                    .chain(() -> repository.flush())
                    .chain(() -> repository.update("isDefault = true, updatedAt = ?2 where id = ?1", accountId,
                            Instant.now()))
                    .chain(() -> repository.findOwned(accountId, ownerId))
                    .map(GoogleAccountService::summary);
        });
    }

    /**
     * Forgets the account (its jobs keep running only until they need it) and then revokes its grant at Google, best
     * effort; another default is picked if it was the default. Someone else's id answers 404.
     */
    public Uni<Void> disconnect(String ownerId, String id) {
        UUID accountId = parse(id);
        return Panache.withTransaction(() -> repository.findOwned(accountId, ownerId).chain(account -> {
            if (account == null) {
                return Uni.createFrom().failure(ApiException.notFound("Google account"));
            }
            String refreshToken = accounts.refreshTokenOf(account);
            boolean wasDefault = account.isDefault;
            return repository.delete(account).chain(() -> repository.flush())
                    .chain(() -> wasDefault ? promoteAnother(ownerId) : Uni.createFrom().voidItem())
                    .replaceWith(refreshToken);
        })).chain(refreshToken -> blocking.run(() -> tokens.revoke(refreshToken))).invoke(revoked -> Log
                .infof("Google account %s of owner %s disconnected (revoked at Google: %s)", accountId, ownerId,
                        revoked))
                .replaceWithVoid();
    }

    private Uni<Void> promoteAnother(String ownerId) {
        return repository.listByOwner(ownerId).chain(rest -> rest.isEmpty()
                ? Uni.createFrom().voidItem()
                : repository.update("isDefault = true where id = ?1", rest.get(0).id).replaceWithVoid());
    }

    private static UUID parse(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw ApiException.notFound("Google account");
        }
    }

}
