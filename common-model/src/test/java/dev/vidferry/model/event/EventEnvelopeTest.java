package dev.vidferry.model.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import dev.vidferry.model.job.JobStage;
import dev.vidferry.model.job.JobStatus;

class EventEnvelopeTest {

    private final ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    @Test
    void progressEventsSerialiseWithLowerCaseStatusAndIsoTimes() throws Exception {
        UUID jobId = UUID.randomUUID();
        Instant at = Instant.parse("2026-11-26T10:15:30Z");
        JobProgress progress = JobProgress.tick(new JobProgress.JobRef(jobId, "alice", 1), JobStatus.UPLOADING,
                JobStage.UPLOADING, new JobProgress.Bytes(42, 420, 1000), 100, "uploading", at);
        JsonNode json = mapper.readTree(mapper.writeValueAsString(EventEnvelope.of(EventTypes.JOB_PROGRESS, jobId, at,
                progress)));
        assertThat(json.get("eventType").asText()).isEqualTo("upload-job.progress");
        assertThat(json.get("schemaVersion").asInt()).isEqualTo(1);
        assertThat(json.at("/data/status").asText()).isEqualTo("uploading");
        assertThat(json.at("/data/stage").asText()).isEqualTo("uploading");
        assertThat(json.at("/data/occurredAt").asText()).isEqualTo("2026-11-26T10:15:30Z");
    }

    @Test
    void consumersIgnoreFieldsAddedByNewerProducers() throws Exception {
        String newer = "{\"jobId\":\"" + UUID.randomUUID() + "\",\"action\":\"cancel\",\"requestedBy\":\"x\"}";
        assertThat(mapper.readValue(newer, JobControl.class).action()).isEqualTo(JobControl.CANCEL);
    }
}
