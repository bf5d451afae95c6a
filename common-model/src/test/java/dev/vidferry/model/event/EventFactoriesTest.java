package dev.vidferry.model.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import dev.vidferry.model.job.ErrorCode;
import dev.vidferry.model.job.JobStage;
import dev.vidferry.model.job.JobStatus;
import dev.vidferry.model.metadata.PrivacyStatus;
import dev.vidferry.model.metadata.VideoMetadata;

/** The named factories put each argument in its place, and the JSON is exactly the records' components. */
class EventFactoriesTest {

    private final ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private final UUID jobId = UUID.fromString("7b0c2f4e-5d7a-4a36-9a51-6f1f0e2d9c11");
    private final Instant at = Instant.parse("2026-11-26T10:15:30Z");
    private final Instant next = Instant.parse("2026-11-27T08:00:00Z");

    @Test
    void aStatusChangeCarriesItsOutcomeAndNoThroughput() throws Exception {
        JobProgress event = JobProgress.statusChanged(new JobProgress.JobRef(jobId, "alice", 2), JobStatus.DEFERRED,
                JobStage.QUEUED, new JobProgress.Bytes(40, 400, 1000), "waiting for quota",
                new JobProgress.Outcome("vid-1", ErrorCode.QUOTA_EXCEEDED, next), at);

        assertThat(event).isEqualTo(new JobProgress(jobId, "alice", JobStatus.DEFERRED, JobStage.QUEUED, 40, 400, 1000,
                0, "waiting for quota", "vid-1", ErrorCode.QUOTA_EXCEEDED, 2, next, at));
        assertThat(mapper.writeValueAsString(event)).isEqualTo("{\"jobId\":\"" + jobId + "\",\"ownerId\":\"alice\","
                + "\"status\":\"deferred\",\"stage\":\"queued\",\"progress\":40,\"bytesTransferred\":400,"
                + "\"totalBytes\":1000,\"bytesPerSecond\":0,\"message\":\"waiting for quota\",\"videoId\":\"vid-1\","
                + "\"errorCode\":\"QUOTA_EXCEEDED\",\"attempt\":2,\"nextAttemptAt\":\"2026-11-27T08:00:00Z\","
                + "\"occurredAt\":\"2026-11-26T10:15:30Z\"}");
    }

    @Test
    void aTickCarriesThroughputAndNoOutcome() {
        JobProgress tick = JobProgress.tick(new JobProgress.JobRef(jobId, "alice", 1), JobStatus.UPLOADING,
                JobStage.UPLOADING, new JobProgress.Bytes(42, 420, 1000), 100, "uploading", at);

        assertThat(tick).isEqualTo(new JobProgress(jobId, "alice", JobStatus.UPLOADING, JobStage.UPLOADING, 42, 420,
                1000, 100, "uploading", null, null, 1, null, at));
    }

    @Test
    void requestsNameTheirReason() throws Exception {
        VideoMetadata metadata = new VideoMetadata("Title", null, null, null, PrivacyStatus.PRIVATE, null, null, null,
                null);
        JobRequested.DriveFile file = new JobRequested.DriveFile("f1", "a.mp4", "video/mp4", 1000, "md5");

        assertThat(JobRequested.submitted(jobId, "alice", file, metadata, 0)).isEqualTo(
                new JobRequested(jobId, "alice", "f1", "a.mp4", "video/mp4", 1000, "md5", metadata, 0, "created"));
        assertThat(JobRequested.redispatch(jobId, "alice", file, metadata, 3).reason()).isEqualTo("redispatch");
        assertThat(JobRequested.dispatch(jobId, "alice", file, metadata, 1, JobRequested.RESUME).reason())
                .isEqualTo("resume");
        assertThat(mapper.readTree(mapper.writeValueAsString(JobRequested.submitted(jobId, "alice", file, metadata, 0)))
                .fieldNames()).toIterable().containsExactly("jobId", "ownerId", "driveFileId", "fileName", "mimeType",
                        "sizeBytes", "md5Checksum", "metadata", "attempt", "reason");
    }
}
