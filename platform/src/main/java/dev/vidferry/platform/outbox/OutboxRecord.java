package dev.vidferry.platform.outbox;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import org.apache.kafka.clients.producer.ProducerRecord;

import io.vertx.mutiny.sqlclient.Row;

import dev.vidferry.model.event.CloudEventHeaders;

/**
 * An unpublished row of {@code job_outbox} as the relay reads it.
 *
 * @param source the writer's CloudEvents source; null for rows written before it was stored
 * @param traceparent the W3C trace context of the writing transaction, or null
 */
record OutboxRecord(long id, String eventId, String aggregateId, String topic, String eventType, String payload,
        String schemaVersion, int attempts, String occurredAt, String source, String traceparent) {

    /** Columns as {@link OutboxPublisher#SELECT_BATCH} names them. */
    static OutboxRecord of(Row row) {
        return new OutboxRecord(row.getLong("id"), row.getString("event_id"), row.getString("aggregate_id"),
                row.getString("topic"), row.getString("event_type"), row.getString("payload"),
                row.getString("schema_version"), row.getInteger("attempts"), row.getString("occurred_at"),
                row.getString("source"), row.getString("traceparent"));
    }

    /**
     * Topic column, key = job id, value = envelope JSON, CloudEvents binary-mode and {@code vf-*} headers;
     * {@code relaySource} stands in for a row without a source.
     */
    ProducerRecord<String, String> toProducerRecord(String relaySource) {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, aggregateId, payload);
        int version = schemaVersion == null ? 1 : Integer.parseInt(schemaVersion);
        Instant time = occurredAt == null ? Instant.now() : Instant.parse(occurredAt);
        CloudEventHeaders.of(UUID.fromString(eventId), eventType, version, UUID.fromString(aggregateId), time,
                source == null ? relaySource : source, traceparent)
                .forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
        return record;
    }

    /** A record and why it could not be sent (null: sent and acknowledged); not attempted after an earlier failure. */
    record Outcome(OutboxRecord record, String error, boolean attempted) {

        boolean sent() {
            return error == null;
        }

        /** Kafka was asked and did not take it (so attempts + 1 and back-off). */
        boolean refused() {
            return error != null && attempted;
        }
    }

    static String describe(Throwable failure) {
        return failure == null ? "unknown" : failure.getClass().getSimpleName() + ": " + failure.getMessage();
    }
}
