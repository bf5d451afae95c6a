package dev.vidferry.api.webhook;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.vidferry.model.event.CloudEventHeaders;
import dev.vidferry.model.event.EventTypes;

/**
 * Which job events a hook can subscribe to (values of {@code data.status}), and the CloudEvent (1.0, structured JSON
 * mode) a delivery sends for one {@code upload-job.progress} record: the same attributes as the record's binary-mode
 * headers, built by {@link CloudEventHeaders#attributes} ({@code type} {@code dev.vidferry.job.progress.v1},
 * {@code source} the producing service's, e.g. {@code /vidferry/worker}, {@code id} the Kafka event id,
 * {@code subject} the job id), and {@code data}, the {@code JobProgress} payload exactly as on Kafka.
 */
public final class WebhookEvents {

    /** Status changes a hook may ask for; running states tick several times a second and are not sent. */
    public static final List<String> SUBSCRIBABLE = List.of("pending", "deferred", "completed", "failed", "cancelled");
    static final Set<String> SUBSCRIBABLE_SET = Set.copyOf(SUBSCRIBABLE);
    public static final String CONTENT_TYPE = "application/cloudevents+json; charset=utf-8";

    private WebhookEvents() {
    }

    /**
     * An event of the progress topic that hooks may receive.
     *
     * @param event the job status hooks subscribe to ({@code data.status})
     * @param type the CloudEvents {@code type}
     */
    public record Event(UUID eventId, UUID jobId, String ownerId, String event, String type,
            java.time.Instant occurredAt, String cloudEvent) {
    }

    /**
     * The deliverable event of one progress record, or null (a tick, another type, unreadable).
     *
     * @param source the record's {@code ce_source} header; null for a record without one (then
     *        {@code /vidferry/unknown})
     */
    public static Event of(ObjectMapper mapper, String value, String source) {
        JsonNode envelope;
        try {
            envelope = mapper.readTree(value);
        } catch (Exception e) {
            return null;
        }
        JsonNode data = envelope == null ? null : envelope.path("data");
        if (data == null || !EventTypes.JOB_PROGRESS.equals(envelope.path("eventType").asText())) {
            return null;
        }
        String status = data.path("status").asText();
        if (!SUBSCRIBABLE_SET.contains(status) || !envelope.hasNonNull("eventId") || !envelope.hasNonNull("jobId")
                || !data.hasNonNull("ownerId") || !envelope.hasNonNull("occurredAt")) {
            return null;
        }
        try {
            UUID eventId = UUID.fromString(envelope.get("eventId").asText());
            UUID jobId = UUID.fromString(envelope.get("jobId").asText());
            java.time.Instant occurredAt = java.time.Instant.parse(envelope.get("occurredAt").asText());
            Map<String, String> attributes = CloudEventHeaders.attributes(eventId, EventTypes.JOB_PROGRESS,
                    envelope.path("schemaVersion").asInt(1), jobId, occurredAt,
                    source == null || source.isBlank() ? CloudEventHeaders.source(null) : source);
            ObjectNode ce = mapper.createObjectNode();
            attributes.forEach(ce::put);
            ce.set("data", data);
            return new Event(eventId, jobId, data.get("ownerId").asText(), status, attributes.get("type"),
                    occurredAt, mapper.writeValueAsString(ce));
        } catch (Exception e) {
            return null;
        }
    }
}
