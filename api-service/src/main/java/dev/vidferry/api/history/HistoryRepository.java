package dev.vidferry.api.history;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

import dev.vidferry.api.common.Cursor;

@ApplicationScoped
public class HistoryRepository implements PanacheRepositoryBase<UploadHistory, UUID> {

    /** Up to {@code limit} entries after {@code cursor}, newest first. */
    public Uni<List<UploadHistory>> page(String ownerId, Cursor cursor, int limit) {
        // a null owner: an admin's view of everyone's history
        String query = (ownerId == null ? "id is not null" : "ownerId = :owner") + (cursor != null
                ? " and (uploadedAt < :at or (uploadedAt = :at and id < :id))"
                : "");
        Parameters params = new Parameters();
        if (ownerId != null) {
            params.and("owner", ownerId);
        }
        if (cursor != null) {
            params.and("at", cursor.at()).and("id", cursor.id());
        }
        return find(query, Sort.descending("uploadedAt", "id"), params).range(0, limit - 1).list();
    }
}
