package dev.vidferry.platform.sync;

import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * One runner per sync across every scheduler replica: a session-level {@code pg_try_advisory_lock} keyed by the sync
 * id, held on a connection of its own for the whole run (a run spans Drive calls and several transactions, so a
 * transaction-scoped lock would not do). A replica that dies mid-run drops its connection and with it the lock.
 */
@ApplicationScoped
public class SyncLock {

    private final Pool pool;

    public SyncLock(Pool pool) {
        this.pool = pool;
    }

    /** The advisory lock key of a sync: its id folded to 64 bits. */
    public static long key(UUID syncId) {
        return syncId.getMostSignificantBits() ^ syncId.getLeastSignificantBits();
    }

    /**
     * Runs {@code work} with the lock's connection while holding the sync's lock, then releases it; answers
     * {@code whenBusy} without running anything when another runner holds it.
     */
    public <T> Uni<T> withLock(UUID syncId, T whenBusy, Function<SqlConnection, Uni<T>> work) {
        long key = key(syncId);
        return pool.getConnection().chain(connection -> connection
                .preparedQuery("SELECT pg_try_advisory_lock($1) AS locked").execute(Tuple.of(key))
                .chain(rows -> {
                    if (!rows.iterator().next().getBoolean("locked")) {
                        return Uni.createFrom().item(whenBusy);
                    }
                    return Uni.createFrom().deferred(() -> work.apply(connection))
                            .eventually(() -> connection.preparedQuery("SELECT pg_advisory_unlock($1)")
                                    .execute(Tuple.of(key)).onFailure().recoverWithNull());
                })
                .eventually(connection::close));
    }
}
