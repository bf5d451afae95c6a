package dev.vidferry.platform.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

class OutboxRecordTest {

    private static final String TRACE = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

    @Test
    void aRowBecomesACloudEventWithItsWritersSourceAndTrace() {
        String eventId = UUID.randomUUID().toString();
        String jobId = UUID.randomUUID().toString();
        OutboxRecord row = new OutboxRecord(1, eventId, jobId, "upload-job.progress", "upload-job.progress", "{}", "1",
                0, "2026-11-26T18:18:06.201203Z", "/vidferry/scheduler", TRACE);

        ProducerRecord<String, String> record = row.toProducerRecord("/vidferry/api");

        assertThat(record.key()).isEqualTo(jobId);
        assertThat(headers(record)).containsEntry("ce_specversion", "1.0").containsEntry("ce_id", eventId)
                .containsEntry("ce_source", "/vidferry/scheduler").containsEntry("ce_type", "dev.vidferry.job.progress.v1")
                .containsEntry("ce_subject", jobId).containsEntry("ce_time", "2026-11-26T18:18:06.201203Z")
                .containsEntry("content-type", "application/json").containsEntry("traceparent", TRACE)
                .containsEntry("vf-event-id", eventId).containsEntry("vf-event-type", "upload-job.progress")
                .containsEntry("vf-schema-version", "1");
    }

    @Test
    void aRowWrittenBeforeV10GetsTheRelaysSourceAndNoTrace() {
        OutboxRecord row = new OutboxRecord(2, UUID.randomUUID().toString(), UUID.randomUUID().toString(),
                "upload-job.requested", "upload-job.requested", "{}", null, 0, "2026-11-26T18:18:06Z", null, null);

        Map<String, String> headers = headers(row.toProducerRecord("/vidferry/api"));

        assertThat(headers).containsEntry("ce_source", "/vidferry/api")
                .containsEntry("ce_type", "dev.vidferry.job.requested.v1").doesNotContainKey("traceparent");
    }

    private static Map<String, String> headers(ProducerRecord<String, String> record) {
        Map<String, String> headers = new LinkedHashMap<>();
        record.headers().forEach(h -> headers.put(h.key(), new String(h.value(), StandardCharsets.UTF_8)));
        return headers;
    }
}
