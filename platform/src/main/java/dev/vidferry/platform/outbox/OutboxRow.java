package dev.vidferry.platform.outbox;

import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.mutiny.sqlclient.Tuple;

import dev.vidferry.model.event.EventEnvelope;

/**
 * A {@code job_outbox} row to insert: an envelope, the topic it goes to (key = its job id) and its JSON.
 *
 * @param payload the envelope as JSON: the Kafka record value
 */
public record OutboxRow(UUID eventId, UUID aggregateId, String topic, String eventType, String payload) {

    /** The row that publishes {@code envelope} to {@code topic}. */
    public static OutboxRow of(ObjectMapper mapper, String topic, EventEnvelope<?> envelope) {
        try {
            return new OutboxRow(envelope.eventId(), envelope.jobId(), topic, envelope.eventType(),
                    mapper.writeValueAsString(envelope));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialise event " + envelope.eventType(), e);
        }
    }

    /** The values in the order of the parameters of {@link OutboxWriter#INSERT}. */
    public List<Object> values() {
        return List.of(eventId, aggregateId, topic, eventType, payload);
    }

    Tuple tuple() {
        return Tuple.from(values());
    }
}
