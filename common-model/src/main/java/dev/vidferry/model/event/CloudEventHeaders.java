package dev.vidferry.model.event;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * The headers of a vidferry Kafka record: CloudEvents 1.0 in binary mode ({@code ce_*} and {@code content-type}, the
 * value stays the envelope JSON), a W3C {@code traceparent} when one is known, and the older {@code vf-*} headers
 * (kept one release for compatibility, see docs/events.md). Every producer (the outbox relay, the worker's direct
 * progress ticks) builds its headers here, so they never differ.
 */
public final class CloudEventHeaders {

    public static final String SPEC_VERSION = "ce_specversion";
    public static final String ID = "ce_id";
    public static final String SOURCE = "ce_source";
    public static final String TYPE = "ce_type";
    public static final String SUBJECT = "ce_subject";
    public static final String TIME = "ce_time";
    public static final String CONTENT_TYPE = "content-type";
    public static final String TRACEPARENT = "traceparent";

    /** CloudEvents version vidferry speaks. */
    public static final String SPEC_VERSION_VALUE = "1.0";
    public static final String JSON = "application/json";

    private CloudEventHeaders() {
    }

    /**
     * The CloudEvents type of an event type and schema version: {@code upload-job.progress} v1 is
     * {@code dev.vidferry.job.progress.v1}, {@code upload-job.requested} is {@code dev.vidferry.job.requested.v1},
     * {@code upload-job.cancel-requested} is {@code dev.vidferry.job.cancel-requested.v1}.
     */
    public static String type(String eventType, int schemaVersion) {
        String name = eventType.startsWith("upload-job.")
                ? "job." + eventType.substring("upload-job.".length())
                : eventType;
        return "dev.vidferry." + name + ".v" + schemaVersion;
    }

    /** The CloudEvents source of a service, e.g. {@code /vidferry/api} for {@code vidferry-api}. */
    public static String source(String applicationName) {
        String name = applicationName == null || applicationName.isBlank() ? "unknown" : applicationName;
        if (name.startsWith("vidferry-")) {
            name = name.substring("vidferry-".length());
        }
        if (name.endsWith("-service")) {
            name = name.substring(0, name.length() - "-service".length());
        }
        return "/vidferry/" + name;
    }

    /**
     * The CloudEvents context attributes of one event under their structured-mode names ({@code specversion},
     * {@code id}, {@code source}, {@code type}, {@code subject}, {@code time}, {@code datacontenttype}), in a stable
     * order. The one definition of vidferry's event vocabulary: Kafka records carry these as binary-mode headers
     * ({@link #of}), webhooks send them as the attributes of a structured CloudEvent.
     *
     * @param source the {@code source}, see {@link #source(String)}
     */
    public static Map<String, String> attributes(UUID eventId, String eventType, int schemaVersion, UUID jobId,
            Instant occurredAt, String source) {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(eventType, "eventType");
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(source, "source");
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("specversion", SPEC_VERSION_VALUE);
        attributes.put("id", eventId.toString());
        attributes.put("source", source);
        attributes.put("type", type(eventType, schemaVersion));
        attributes.put("subject", jobId.toString());
        attributes.put("time", occurredAt.toString());
        attributes.put("datacontenttype", JSON);
        return attributes;
    }

    /**
     * Every header of the record of one event, in a stable order: the {@link #attributes} as {@code ce_*} headers
     * ({@code datacontenttype} is {@code content-type}), the trace context, the {@code vf-*} headers.
     *
     * @param source the {@code ce_source}, see {@link #source(String)}
     * @param traceparent a W3C trace context to continue, or null
     */
    public static Map<String, String> of(UUID eventId, String eventType, int schemaVersion, UUID jobId,
            Instant occurredAt, String source, String traceparent) {
        Map<String, String> headers = new LinkedHashMap<>();
        attributes(eventId, eventType, schemaVersion, jobId, occurredAt, source).forEach(
                (name, value) -> headers.put(name.equals("datacontenttype") ? CONTENT_TYPE : "ce_" + name, value));
        if (traceparent != null && !traceparent.isBlank()) {
            headers.put(TRACEPARENT, traceparent);
        }
        headers.put(EventHeaders.EVENT_ID, eventId.toString());
        headers.put(EventHeaders.EVENT_TYPE, eventType);
        headers.put(EventHeaders.SCHEMA_VERSION, Integer.toString(schemaVersion));
        return headers;
    }

    /** {@link #of} for an envelope. */
    public static Map<String, String> of(EventEnvelope<?> envelope, String source, String traceparent) {
        return of(envelope.eventId(), envelope.eventType(), envelope.schemaVersion(), envelope.jobId(),
                envelope.occurredAt(), source, traceparent);
    }
}
