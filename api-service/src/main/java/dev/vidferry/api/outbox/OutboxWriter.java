package dev.vidferry.api.outbox;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;

import dev.vidferry.model.event.EventEnvelope;
import dev.vidferry.platform.outbox.OutboxSql;

/**
 * Adds an event to the outbox in the current transaction (call it inside {@code @WithTransaction} together with the
 * change it announces). The relay publishes it after commit: key = job id.
 */
@ApplicationScoped
public class OutboxWriter {

    private final OutboxRepository repository;
    private final ObjectMapper mapper;

    public OutboxWriter(OutboxRepository repository, ObjectMapper mapper) {
        this.repository = repository;
        this.mapper = mapper;
    }

    public Uni<Void> add(String topic, EventEnvelope<?> envelope) {
        OutboxEvent event = new OutboxEvent();
        event.eventId = envelope.eventId();
        event.aggregateId = envelope.jobId();
        event.topic = topic;
        event.eventType = envelope.eventType();
        event.payload = OutboxSql.toJson(mapper, envelope);
        return repository.persist(event).replaceWithVoid();
    }
}
