package dev.vidferry.api.google;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class ConsentStateRepository implements PanacheRepositoryBase<ConsentState, UUID> {

    /** The state with this hash, or null. */
    public Uni<ConsentState> findByHash(byte[] stateHash) {
        return find("stateHash = ?1", (Object) stateHash).firstResult();
    }

    /** Takes the state: true only for the one caller whose delete removed it (a replay races and loses). */
    public Uni<Boolean> take(UUID id) {
        return delete("id = ?1", id).map(n -> n == 1);
    }

    /** Forgets abandoned consents. */
    public Uni<Long> deleteExpired(Instant now) {
        return delete("expiresAt < ?1", now);
    }
}
