package dev.vidferry.api.account;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class GoogleAccountRepository implements PanacheRepositoryBase<GoogleAccount, UUID> {

    /** The owner's default account, or null. */
    public Uni<GoogleAccount> findByOwner(String ownerId) {
        return find("ownerId = ?1 and accountKey = ?2", ownerId, GoogleAccount.DEFAULT_KEY).firstResult();
    }
}
