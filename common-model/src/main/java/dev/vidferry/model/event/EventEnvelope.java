package dev.vidferry.model.event;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The versioned wrapper of every vidferry Kafka record value. Consumers must ignore fields they don't
 * know; producers evolve a payload only by adding optional fields, and bump {@code schemaVersion} for
 * anything else (documented in docs/events.md).
 *
 * @param eventId unique per event; duplicates of the same event carry the same id (use it to deduplicate)
 * @param eventType e.g. {@code upload-job.requested}, see {@link EventTypes}
 * @param schemaVersion version of {@code data}'s schema
 * @param jobId the job the event is about (also the record key)
 * @param occurredAt when it happened (UTC)
 * @param data the payload
 */
public record EventEnvelope<T>(UUID eventId, String eventType, int schemaVersion, UUID jobId, Instant occurredAt,
        T data) {

    public EventEnvelope {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(eventType, "eventType");
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }

    /** A new envelope with a fresh event id, schema version 1. */
    public static <T> EventEnvelope<T> of(String eventType, UUID jobId, Instant occurredAt, T data) {
        return new EventEnvelope<>(UUID.randomUUID(), eventType, 1, jobId, occurredAt, data);
    }
}
