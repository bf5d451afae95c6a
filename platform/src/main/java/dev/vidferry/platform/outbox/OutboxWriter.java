package dev.vidferry.platform.outbox;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

import dev.vidferry.model.event.CloudEventHeaders;
import dev.vidferry.model.event.EventEnvelope;

/**
 * The one writer of {@code job_outbox}. Insert the row on the connection of the transaction that makes the change it
 * announces; the {@link OutboxRelay} publishes it after commit. Code on the reactive pg client passes its
 * transaction's {@link SqlClient}:
 *
 * <pre>
 * pool.withTransaction(tx -&gt; tx.preparedQuery(UPDATE_JOB).execute(args)
 *         .chain(() -&gt; outbox.add(tx, Topics.JOB_PROGRESS, envelope)));
 * </pre>
 *
 * Hibernate Reactive code (the api) cannot reach its session's connection, so it runs {@link #INSERT_NATIVE} with
 * {@link #row}'s {@link OutboxRow#values()} as a native query on its session, inside the same transaction.
 */
@ApplicationScoped
public class OutboxWriter {

    /**
     * Parameters: event id, aggregate (job) id, topic, event type, envelope JSON (bound as text, so not quoted),
     * CloudEvents source, W3C traceparent ({@code ''} for none).
     */
    public static final String INSERT = "INSERT INTO job_outbox (event_id, aggregate_id, topic, event_type, payload,"
            + " source, traceparent) VALUES ($1, $2, $3, $4, CAST(CAST($5 AS text) AS jsonb), $6, NULLIF($7, ''))";
    /** {@link #INSERT} for many rows: parallel arrays of the same columns ({@link #addAll}). */
    private static final String INSERT_ALL = "INSERT INTO job_outbox (event_id, aggregate_id, topic, event_type, "
            + "payload, source, traceparent) SELECT u.event_id, u.aggregate_id, u.topic, u.event_type, "
            + "CAST(u.payload AS jsonb), u.source, NULLIF(u.traceparent, '') FROM unnest($1::uuid[], $2::uuid[], "
            + "$3::text[], $4::text[], $5::text[], $6::text[], $7::text[]) "
            + "AS u(event_id, aggregate_id, topic, event_type, payload, source, traceparent)";
    /** {@link #INSERT} with JPA ordinal markers ({@code ?1}…) for a Hibernate native query; same parameters. */
    public static final String INSERT_NATIVE = INSERT.replaceAll("\\$(\\d)", "?$1");

    private final ObjectMapper mapper;
    private final String source;

    /** A writer outside CDI (plain tests): rows get the source {@code /vidferry/unknown}. */
    public OutboxWriter(ObjectMapper mapper) {
        this(mapper, null);
    }

    @Inject
    public OutboxWriter(ObjectMapper mapper,
            @ConfigProperty(name = "quarkus.application.name", defaultValue = "unknown") String applicationName) {
        this.mapper = mapper;
        this.source = CloudEventHeaders.source(applicationName);
    }

    /** The CloudEvents {@code ce_source} of this service's rows, e.g. {@code /vidferry/api}. */
    public String source() {
        return source;
    }

    /** The row that publishes {@code envelope} to {@code topic}, key = its job id. */
    public OutboxRow row(String topic, EventEnvelope<?> envelope) {
        return row(topic, envelope, null);
    }

    /**
     * The row that publishes {@code envelope} to {@code topic}, continuing the W3C trace {@code traceparent} (null:
     * none). vidferry's builds carry no OpenTelemetry today, so a caller that has a trace context passes it here.
     */
    public OutboxRow row(String topic, EventEnvelope<?> envelope, String traceparent) {
        return OutboxRow.of(mapper, topic, envelope, source, traceparent);
    }

    /** Inserts the row for {@code envelope} on {@code tx} (call it inside your transaction). */
    public Uni<Void> add(SqlClient tx, String topic, EventEnvelope<?> envelope) {
        return tx.preparedQuery(INSERT).execute(row(topic, envelope).tuple()).replaceWithVoid();
    }

    /**
     * Inserts {@code rows} on {@code tx} in one multi-row statement (arrays through {@code unnest}, one round trip
     * whatever the count), in list order; call it inside your transaction. Nothing when empty.
     */
    public Uni<Void> addAll(SqlClient tx, List<OutboxRow> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        int n = rows.size();
        UUID[] eventIds = new UUID[n];
        UUID[] aggregates = new UUID[n];
        String[] topics = new String[n];
        String[] types = new String[n];
        String[] payloads = new String[n];
        String[] sources = new String[n];
        String[] traces = new String[n];
        for (int i = 0; i < n; i++) {
            OutboxRow row = rows.get(i);
            eventIds[i] = row.eventId();
            aggregates[i] = row.aggregateId();
            topics[i] = row.topic();
            types[i] = row.eventType();
            payloads[i] = row.payload();
            sources[i] = row.source();
            traces[i] = row.traceparent();
        }
        return tx.preparedQuery(INSERT_ALL)
                .execute(Tuple.tuple().addValue(eventIds).addValue(aggregates).addValue(topics).addValue(types)
                        .addValue(payloads).addValue(sources).addValue(traces))
                .replaceWithVoid();
    }
}
