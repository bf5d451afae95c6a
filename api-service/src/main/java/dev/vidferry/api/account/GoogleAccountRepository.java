package dev.vidferry.api.account;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class GoogleAccountRepository implements PanacheRepositoryBase<GoogleAccount, UUID> {

    /** The owner's account connected with {@code PUT /api/v1/google/account} (key {@code default}), or null. */
    public Uni<GoogleAccount> findByOwner(String ownerId) {
        return findByKey(ownerId, GoogleAccount.DEFAULT_KEY);
    }

    /** The owner's account with this key, or null. */
    public Uni<GoogleAccount> findByKey(String ownerId, String accountKey) {
        return find("ownerId = ?1 and accountKey = ?2", ownerId, accountKey).firstResult();
    }

    /** The owner's default account (what a job without googleAccountId uses), or null. */
    public Uni<GoogleAccount> findDefault(String ownerId) {
        return find("ownerId = ?1 order by isDefault desc, createdAt", ownerId).firstResult();
    }

    /** The owner's account {@code id}, or null (also for someone else's account). */
    public Uni<GoogleAccount> findOwned(UUID id, String ownerId) {
        return find("id = ?1 and ownerId = ?2", id, ownerId).firstResult();
    }

    /** The owner's accounts, default first. */
    public Uni<List<GoogleAccount>> listByOwner(String ownerId) {
        return list("ownerId = ?1 order by isDefault desc, createdAt, id", ownerId);
    }

    /** Whether the owner has a default account already. */
    public Uni<Boolean> hasDefault(String ownerId) {
        return count("ownerId = ?1 and isDefault = true", ownerId).map(n -> n > 0);
    }
}
