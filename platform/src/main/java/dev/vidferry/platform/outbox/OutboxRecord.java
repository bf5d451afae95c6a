package dev.vidferry.platform.outbox;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.clients.producer.ProducerRecord;

import io.vertx.mutiny.sqlclient.Row;

import dev.vidferry.model.event.EventHeaders;

/** An unpublished row of {@code job_outbox} as the relay reads it. */
record OutboxRecord(long id, String eventId, String aggregateId, String topic, String eventType, String payload,
        String schemaVersion, int attempts) {

    /** Columns as {@link OutboxPublisher#SELECT_BATCH} names them. */
    static OutboxRecord of(Row row) {
        return new OutboxRecord(row.getLong("id"), row.getString("event_id"), row.getString("aggregate_id"),
                row.getString("topic"), row.getString("event_type"), row.getString("payload"),
                row.getString("schema_version"), row.getInteger("attempts"));
    }

    /** Topic column, key = job id, value = envelope JSON, {@code vf-*} headers. */
    ProducerRecord<String, String> toProducerRecord() {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, aggregateId, payload);
        record.headers().add(EventHeaders.EVENT_ID, eventId.getBytes(StandardCharsets.UTF_8));
        record.headers().add(EventHeaders.EVENT_TYPE, eventType.getBytes(StandardCharsets.UTF_8));
        record.headers().add(EventHeaders.SCHEMA_VERSION,
                (schemaVersion == null ? "1" : schemaVersion).getBytes(StandardCharsets.UTF_8));
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
