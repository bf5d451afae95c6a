package dev.vidferry.api.webhook;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

import dev.vidferry.model.api.WebhookDeliveryView;
import dev.vidferry.model.api.WebhookView;

/** Every statement on {@code webhook} and {@code webhook_delivery} (migration V11), on the reactive pool. */
@ApplicationScoped
public class WebhookRepository {

    static final String HOOK_COLUMNS = "id, url, events, status, consecutive_failures, created_at, disabled_at";
    static final String DELIVERY_COLUMNS = "id, event_id, event_type, job_id, status, attempts, last_status_code, "
            + "last_error, created_at, last_attempt_at, next_attempt_at, delivered_at";

    /** A delivery claimed for one attempt, with what is needed to send it. */
    public record Claimed(UUID id, UUID webhookId, String body, int attempts, String url, String ownerId,
            String secretKeyId, byte[] secretCiphertext) {
    }

    private final Pool pool;

    public WebhookRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<Void> insert(UUID id, String ownerId, String url, List<String> events, String keyId, byte[] secret,
            Instant createdAt) {
        return pool.preparedQuery("INSERT INTO webhook (id, owner_id, url, events, secret_key_id, secret_ciphertext, "
                + "created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)")
                .execute(Tuple.from(List.of(id, ownerId, url, events.toArray(String[]::new), keyId,
                        Buffer.buffer(secret), OffsetDateTime.ofInstant(createdAt, ZoneOffset.UTC))))
                .replaceWithVoid();
    }

    public Uni<Long> countOf(String ownerId) {
        return pool.preparedQuery("SELECT count(*) FROM webhook WHERE owner_id = $1").execute(Tuple.of(ownerId))
                .map(rows -> rows.iterator().next().getLong(0));
    }

    public Uni<List<WebhookView>> list(String ownerId) {
        return pool.preparedQuery("SELECT " + HOOK_COLUMNS + " FROM webhook WHERE owner_id = $1 ORDER BY created_at, id")
                .execute(Tuple.of(ownerId)).map(WebhookRepository::hooks);
    }

    public Uni<WebhookView> find(String ownerId, UUID id) {
        return pool.preparedQuery("SELECT " + HOOK_COLUMNS + " FROM webhook WHERE owner_id = $1 AND id = $2")
                .execute(Tuple.of(ownerId, id)).map(rows -> hooks(rows).stream().findFirst().orElse(null));
    }

    public Uni<Boolean> delete(String ownerId, UUID id) {
        return pool.preparedQuery("DELETE FROM webhook WHERE owner_id = $1 AND id = $2").execute(Tuple.of(ownerId, id))
                .map(rows -> rows.rowCount() > 0);
    }

    public Uni<List<WebhookDeliveryView>> deliveries(UUID webhookId, int limit) {
        return pool.preparedQuery("SELECT " + DELIVERY_COLUMNS + " FROM webhook_delivery WHERE webhook_id = $1 "
                + "ORDER BY created_at DESC, id DESC LIMIT $2").execute(Tuple.of(webhookId, limit))
                .map(rows -> {
                    List<WebhookDeliveryView> out = new ArrayList<>();
                    rows.forEach(r -> out.add(new WebhookDeliveryView(r.getUUID("id"), r.getUUID("event_id"),
                            r.getString("event_type"), r.getUUID("job_id"), r.getString("status"),
                            r.getInteger("attempts"), r.getInteger("last_status_code"), r.getString("last_error"),
                            instant(r, "created_at"), instant(r, "last_attempt_at"), instant(r, "next_attempt_at"),
                            instant(r, "delivered_at"))));
                    return out;
                });
    }

    /**
     * Queues {@code event} for every active hook of its owner subscribed to it and registered before it happened;
     * a repeated event (Kafka redelivery) adds nothing. Returns the number of deliveries queued.
     */
    public Uni<Integer> enqueue(WebhookEvents.Event event) {
        return pool.preparedQuery("INSERT INTO webhook_delivery (id, webhook_id, event_id, event_type, job_id, body) "
                + "SELECT gen_random_uuid(), w.id, $1, $2, $3, $4 FROM webhook w WHERE w.owner_id = $5 "
                + "AND w.status = 'active' AND $6 = ANY (w.events) AND w.created_at <= $7 "
                + "ON CONFLICT (webhook_id, event_id) DO NOTHING")
                .execute(Tuple.from(List.of(event.eventId(), event.type(), event.jobId(),
                        event.cloudEvent(), event.ownerId(), event.event(),
                        OffsetDateTime.ofInstant(event.occurredAt(), ZoneOffset.UTC))))
                .map(RowSet::rowCount);
    }

    /**
     * Claims up to {@code limit} due deliveries for one attempt: their next attempt moves {@code leaseSeconds} ahead,
     * so another instance (or a crash) never sends them twice at once; {@code SKIP LOCKED} lets instances take
     * different rows.
     */
    public Uni<List<Claimed>> claimDue(int limit, long leaseSeconds) {
        return pool.preparedQuery("WITH due AS (SELECT id FROM webhook_delivery WHERE status = 'pending' "
                + "AND next_attempt_at <= now() ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED), "
                + "claimed AS (UPDATE webhook_delivery d SET next_attempt_at = now() + make_interval(secs => $2) "
                + "FROM due WHERE d.id = due.id RETURNING d.id, d.webhook_id, d.body, d.attempts) "
                + "SELECT c.id, c.webhook_id, c.body, c.attempts, w.url, w.owner_id, w.secret_key_id, "
                + "w.secret_ciphertext FROM claimed c JOIN webhook w ON w.id = c.webhook_id")
                .execute(Tuple.of(limit, (double) leaseSeconds)).map(rows -> {
                    List<Claimed> out = new ArrayList<>();
                    rows.forEach(r -> out.add(new Claimed(r.getUUID("id"), r.getUUID("webhook_id"), r.getString("body"),
                            r.getInteger("attempts"), r.getString("url"), r.getString("owner_id"),
                            r.getString("secret_key_id"), r.getBuffer("secret_ciphertext").getBytes())));
                    return out;
                });
    }

    /** A 2xx arrived: delivered, and the hook's failure streak ends. */
    public Uni<Void> delivered(Claimed d, int statusCode) {
        return pool.withTransaction(tx -> tx.preparedQuery("UPDATE webhook_delivery SET status = 'delivered', "
                + "attempts = attempts + 1, last_status_code = $2, last_error = NULL, last_attempt_at = now(), "
                + "delivered_at = now() WHERE id = $1").execute(Tuple.of(d.id(), statusCode))
                .chain(() -> tx.preparedQuery("UPDATE webhook SET consecutive_failures = 0 WHERE id = $1")
                        .execute(Tuple.of(d.webhookId())))
                .replaceWithVoid());
    }

    /** The attempt failed; tried again at {@code nextAttemptAt}. */
    public Uni<Void> retryLater(Claimed d, Integer statusCode, String error, Instant nextAttemptAt) {
        return pool.preparedQuery("UPDATE webhook_delivery SET attempts = attempts + 1, last_status_code = $2, "
                + "last_error = $3, last_attempt_at = now(), next_attempt_at = $4 WHERE id = $1")
                .execute(Tuple.of(d.id(), statusCode, error, OffsetDateTime.ofInstant(nextAttemptAt, ZoneOffset.UTC)))
                .replaceWithVoid();
    }

    /**
     * The last attempt failed: the delivery is given up, the hook's streak grows, and at {@code disableAfter} the hook
     * is disabled (its pending deliveries fail with it). Returns whether the hook was disabled now.
     */
    public Uni<Boolean> gaveUp(Claimed d, Integer statusCode, String error, int disableAfter) {
        return pool.withTransaction(tx -> tx.preparedQuery("UPDATE webhook_delivery SET status = 'failed', "
                + "attempts = attempts + 1, last_status_code = $2, last_error = $3, last_attempt_at = now() "
                + "WHERE id = $1").execute(Tuple.of(d.id(), statusCode, error))
                .chain(() -> tx.preparedQuery("UPDATE webhook SET consecutive_failures = consecutive_failures + 1, "
                        + "status = CASE WHEN consecutive_failures + 1 >= $2 THEN 'disabled' ELSE status END, "
                        + "disabled_at = CASE WHEN consecutive_failures + 1 >= $2 AND status = 'active' THEN now() "
                        + "ELSE disabled_at END WHERE id = $1 RETURNING status")
                        .execute(Tuple.of(d.webhookId(), disableAfter)))
                .chain(rows -> {
                    boolean disabled = rows.rowCount() > 0
                            && "disabled".equals(rows.iterator().next().getString("status"));
                    if (!disabled) {
                        return Uni.createFrom().item(false);
                    }
                    return tx.preparedQuery("UPDATE webhook_delivery SET status = 'failed', last_error = "
                            + "coalesce(last_error, 'webhook disabled') WHERE webhook_id = $1 AND status = 'pending'")
                            .execute(Tuple.of(d.webhookId())).replaceWith(true);
                }));
    }

    private static List<WebhookView> hooks(RowSet<Row> rows) {
        List<WebhookView> out = new ArrayList<>();
        rows.forEach(r -> out.add(new WebhookView(r.getUUID("id"), r.getString("url"),
                Arrays.asList(r.getArrayOfStrings("events")), r.getString("status"),
                r.getInteger("consecutive_failures"), instant(r, "created_at"), instant(r, "disabled_at"), null)));
        return out;
    }

    private static Instant instant(Row row, String column) {
        OffsetDateTime value = row.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }
}
