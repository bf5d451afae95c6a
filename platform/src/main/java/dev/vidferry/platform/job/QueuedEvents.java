package dev.vidferry.platform.job;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.vidferry.model.event.JobProgress;
import dev.vidferry.model.event.JobRequested;
import dev.vidferry.model.event.Topics;
import dev.vidferry.model.job.JobStage;
import dev.vidferry.model.job.JobStatus;
import dev.vidferry.model.metadata.VideoMetadata;
import dev.vidferry.platform.outbox.OutboxRow;
import dev.vidferry.platform.outbox.OutboxWriter;

/**
 * The outbox rows of jobs just queued by a batch ({@link JobBatches#insert}): {@code upload-job.requested} (created)
 * and {@code upload-job.progress} (pending, queued) for each, the same events a single new job gets.
 */
public final class QueuedEvents {

    private QueuedEvents() {
    }

    /** A job as it was inserted. */
    public record Queued(UUID jobId, JobRequested.DriveFile file, VideoMetadata metadata, Instant createdAt) {
    }

    /** Two rows per job, in list order; write them with {@link OutboxWriter#addAll} in the insert's transaction. */
    public static List<OutboxRow> of(OutboxWriter outbox, String ownerId, List<Queued> jobs) {
        List<OutboxRow> rows = new ArrayList<>(jobs.size() * 2);
        for (Queued job : jobs) {
            rows.add(outbox.row(Topics.JOB_REQUESTED, JobRequested.submitted(job.jobId(), ownerId, job.file(),
                    job.metadata(), 0).envelope(job.createdAt())));
            rows.add(outbox.row(Topics.JOB_PROGRESS, JobProgress.statusChanged(
                    new JobProgress.JobRef(job.jobId(), ownerId, 0), JobStatus.PENDING, JobStage.QUEUED,
                    new JobProgress.Bytes(0, 0, job.file().sizeBytes()), "Queued", JobProgress.Outcome.NONE,
                    job.createdAt()).envelope()));
        }
        return rows;
    }
}
