package dev.vidferry.api.webhook;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.vidferry.model.event.EventTypes;

/**
 * Which job events a hook can subscribe to, and the CloudEvent (1.0, structured JSON mode) a delivery sends for one
 * {@code upload-job.progress} record: {@code specversion}, {@code id} (the Kafka event id), {@code source}
 * ({@value #SOURCE}), {@code type} ({@code dev.vidferry.job.<event>}), {@code subject} (the job id), {@code time},
 * {@code datacontenttype} and {@code data} (the {@code JobProgress} payload exactly as on Kafka).
 */
public final class WebhookEvents {

    /** Status changes a hook may ask for; running states tick several times a second and are not sent. */
    public static final List<String> SUBSCRIBABLE = List.of("pending", "deferred", "completed", "failed", "cancelled");
    static final Set<String> SUBSCRIBABLE_SET = Set.copyOf(SUBSCRIBABLE);
    public static final String SOURCE = "urn:vidferry:upload-job";
    public static final String TYPE_PREFIX = "dev.vidferry.job.";
    public static final String CONTENT_TYPE = "application/cloudevents+json; charset=utf-8";

    private WebhookEvents() {
    }

    /** An event of the progress topic that hooks may receive. */
    public record Event(UUID eventId, UUID jobId, String ownerId, String event, java.time.Instant occurredAt,
            String cloudEvent) {
    }

    /** The deliverable event of one progress record, or null (a tick, another type, unreadable). */
    public static Event of(ObjectMapper mapper, String value) {
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
            ObjectNode ce = mapper.createObjectNode().put("specversion", "1.0").put("id", eventId.toString())
                    .put("source", SOURCE).put("type", TYPE_PREFIX + status).put("subject", jobId.toString())
                    .put("time", envelope.get("occurredAt").asText()).put("datacontenttype", "application/json");
            ce.set("data", data);
            return new Event(eventId, jobId, data.get("ownerId").asText(), status,
                    java.time.Instant.parse(envelope.get("occurredAt").asText()), mapper.writeValueAsString(ce));
        } catch (Exception e) {
            return null;
        }
    }
}
