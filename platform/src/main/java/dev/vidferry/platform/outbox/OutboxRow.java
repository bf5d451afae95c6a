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
 * @param source the CloudEvents {@code ce_source} of the writing service, e.g. {@code /vidferry/api}
 * @param traceparent the W3C trace context current when the row was written, or null
 */
public record OutboxRow(UUID eventId, UUID aggregateId, String topic, String eventType, String payload, String source,
        String traceparent) {

    /** The row that publishes {@code envelope} to {@code topic}, sent with {@code ce_source = source}. */
    public static OutboxRow of(ObjectMapper mapper, String topic, EventEnvelope<?> envelope, String source,
            String traceparent) {
        try {
            return new OutboxRow(envelope.eventId(), envelope.jobId(), topic, envelope.eventType(),
                    mapper.writeValueAsString(envelope), source, traceparent);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialise event " + envelope.eventType(), e);
        }
    }

    /** The values in the order of the parameters of {@link OutboxWriter#INSERT}. */
    public List<Object> values() {
        // no trace is bound as '' (the insert stores NULL): a null parameter has no type in a Hibernate native query
        return List.of(eventId, aggregateId, topic, eventType, payload, source, traceparent == null ? "" : traceparent);
    }

    Tuple tuple() {
        return Tuple.from(values());
    }
}
