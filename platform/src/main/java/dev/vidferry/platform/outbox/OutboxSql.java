package dev.vidferry.platform.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

import dev.vidferry.model.event.EventEnvelope;

/**
 * Plain-SQL access to {@code job_outbox} for code that runs its own transactions on the reactive pg client (the
 * worker). Insert the outbox row on the same {@link SqlConnection} as the state change it announces, inside the
 * same transaction; the {@link OutboxRelay} publishes it after commit.
 *
 * <pre>
 * pool.withTransaction(conn -&gt; conn.preparedQuery(UPDATE_JOB).execute(args)
 *         .chain(() -&gt; OutboxSql.insert(conn, mapper, Topics.JOB_PROGRESS, envelope)));
 * </pre>
 */
public final class OutboxSql {

    /** Parameters: event id, aggregate (job) id, topic, event type, envelope JSON (text). */
    public static final String INSERT = "INSERT INTO job_outbox (event_id, aggregate_id, topic, event_type, payload) "
            + "VALUES ($1, $2, $3, $4, $5::text::jsonb)";

    private OutboxSql() {
    }

    /** The parameters of {@link #INSERT} for {@code envelope} published to {@code topic} with key = its job id. */
    public static Tuple tuple(ObjectMapper mapper, String topic, EventEnvelope<?> envelope) {
        return Tuple.of(envelope.eventId(), envelope.jobId(), topic, envelope.eventType(), toJson(mapper, envelope));
    }

    /** Inserts the outbox row for {@code envelope} on {@code connection} (call it inside your transaction). */
    public static Uni<Void> insert(SqlConnection connection, ObjectMapper mapper, String topic,
            EventEnvelope<?> envelope) {
        return connection.preparedQuery(INSERT).execute(tuple(mapper, topic, envelope)).replaceWithVoid();
    }

    /** The Kafka record value of {@code envelope}: the envelope as JSON. */
    public static String toJson(ObjectMapper mapper, EventEnvelope<?> envelope) {
        try {
            return mapper.writeValueAsString(envelope);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialise event " + envelope.eventType(), e);
        }
    }
}
