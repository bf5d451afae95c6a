package dev.vidferry.platform.outbox;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

import dev.vidferry.platform.outbox.OutboxRecord.Outcome;

/**
 * One publishing round, in one transaction: take the relay lock (a transaction-scoped advisory lock, so relays of
 * several processes take turns and per-job order holds), lock up to {@code batch-size} unpublished rows of jobs not
 * backing off ({@code FOR UPDATE SKIP LOCKED}), send them and wait for the acks on a worker thread, set
 * {@code published_at} of the sent ones and {@code attempts + 1, last_error} of the refused ones, commit. A crash
 * between send and commit re-sends the rows: delivery is at least once, consumers dedupe on the event id.
 */
@ApplicationScoped
class OutboxPublisher {

    /** Advisory lock key shared by every relay ("vfoutbox"). */
    static final long LOCK_KEY = 0x7666_6f75_7462_6f78L;
    static final String TRY_LOCK = "SELECT pg_try_advisory_xact_lock($1) AS locked";
    static final String SELECT_BATCH = "SELECT id, event_id::text AS event_id, aggregate_id::text AS aggregate_id, topic,"
            + " event_type, payload::text AS payload, payload->>'schemaVersion' AS schema_version, attempts,"
            + " payload->>'occurredAt' AS occurred_at, source, traceparent"
            + " FROM job_outbox WHERE published_at IS NULL AND NOT (aggregate_id::text = ANY($2))"
            + " ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED";
    static final String MARK_PUBLISHED = "UPDATE job_outbox SET published_at = now(), attempts = attempts + 1,"
            + " last_error = NULL WHERE id = ANY($1)";
    static final String MARK_FAILED = "UPDATE job_outbox SET attempts = attempts + 1, last_error = $2 WHERE id = $1";

    private final OutboxRelayConfig config;
    private final Vertx vertx;
    private final OutboxSender sender;
    private final OutboxBackoff backoff;
    private final OutboxMetrics metrics;

    OutboxPublisher(OutboxRelayConfig config, Vertx vertx, OutboxSender sender, OutboxBackoff backoff,
            OutboxMetrics metrics) {
        this.config = config;
        this.vertx = vertx;
        this.sender = sender;
        this.backoff = backoff;
        this.metrics = metrics;
    }

    /** One round; emits whether another round should follow right away (a full batch, all sent). */
    Uni<Boolean> round(Pool pool) {
        return pool.withTransaction(conn -> conn.preparedQuery(TRY_LOCK).execute(Tuple.of(LOCK_KEY))
                .chain(locked -> Boolean.TRUE.equals(locked.iterator().next().getBoolean("locked"))
                        ? publishBatch(conn)
                        : Uni.createFrom().item(Boolean.FALSE)));
    }

    private Uni<Boolean> publishBatch(SqlConnection conn) {
        Tuple params = Tuple.tuple().addInteger(config.batchSize()).addArrayOfString(backoff.waiting());
        return conn.preparedQuery(SELECT_BATCH).execute(params).chain(rows -> {
            List<OutboxRecord> records = new ArrayList<>();
            for (Row row : rows) {
                records.add(OutboxRecord.of(row));
            }
            if (records.isEmpty()) {
                return Uni.createFrom().item(Boolean.FALSE);
            }
            return vertx.executeBlocking(Uni.createFrom().item(() -> sender.send(records)), false)
                    .chain(outcomes -> mark(conn, outcomes).replaceWith(() -> {
                        backoff.holdBack(outcomes);
                        metrics.afterRound(outcomes);
                        boolean allSent = outcomes.stream().allMatch(Outcome::sent);
                        return allSent && records.size() >= config.batchSize();
                    }));
        });
    }

    private static Uni<Void> mark(SqlConnection conn, List<Outcome> outcomes) {
        Long[] sent = outcomes.stream().filter(Outcome::sent).map(o -> o.record().id()).toArray(Long[]::new);
        List<Tuple> failed = outcomes.stream().filter(Outcome::refused)
                .map(o -> Tuple.of(o.record().id(), truncate(o.error()))).toList();
        Uni<Void> marked = sent.length == 0
                ? Uni.createFrom().voidItem()
                : conn.preparedQuery(MARK_PUBLISHED).execute(Tuple.tuple().addArrayOfLong(sent)).replaceWithVoid();
        return failed.isEmpty()
                ? marked
                : marked.chain(() -> conn.preparedQuery(MARK_FAILED).executeBatch(failed).replaceWithVoid());
    }

    private static String truncate(String error) {
        return error.length() <= 1000 ? error : error.substring(0, 1000);
    }
}
