package dev.vidferry.model.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class CloudEventHeadersTest {

    private final UUID eventId = UUID.randomUUID();
    private final UUID jobId = UUID.randomUUID();
    private final Instant at = Instant.parse("2026-12-01T10:00:00.123456Z");

    @Test
    void theBinaryHeadersAreTheStructuredAttributesUnderTheirKafkaNames() {
        Map<String, String> attributes = CloudEventHeaders.attributes(eventId, EventTypes.JOB_PROGRESS, 1, jobId, at,
                "/vidferry/worker");
        Map<String, String> headers = CloudEventHeaders.of(eventId, EventTypes.JOB_PROGRESS, 1, jobId, at,
                "/vidferry/worker", null);

        assertThat(attributes).containsExactly(Map.entry("specversion", "1.0"), Map.entry("id", eventId.toString()),
                Map.entry("source", "/vidferry/worker"), Map.entry("type", "dev.vidferry.job.progress.v1"),
                Map.entry("subject", jobId.toString()), Map.entry("time", "2026-12-01T10:00:00.123456Z"),
                Map.entry("datacontenttype", "application/json"));
        attributes.forEach((name, value) -> assertThat(headers)
                .containsEntry(name.equals("datacontenttype") ? "content-type" : "ce_" + name, value));
        assertThat(headers).doesNotContainKey("traceparent").containsEntry("vf-event-type", "upload-job.progress");
    }

    @Test
    void aTraceContextIsAHeaderButNotAnAttribute() {
        String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        assertThat(CloudEventHeaders.of(eventId, EventTypes.JOB_REQUESTED, 1, jobId, at, "/vidferry/api", traceparent))
                .containsEntry("traceparent", traceparent).containsEntry("ce_type", "dev.vidferry.job.requested.v1");
    }
}
