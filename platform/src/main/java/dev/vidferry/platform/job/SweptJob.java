package dev.vidferry.platform.job;

import java.time.Instant;

import dev.vidferry.model.event.JobProgress;
import dev.vidferry.model.event.JobRequested;
import dev.vidferry.model.job.JobStatus;
import dev.vidferry.model.metadata.VideoMetadata;

/**
 * A job one {@link JobSweep} moved, as the sweep's {@code RETURNING} left it: what the {@code upload-job.progress}
 * and {@code upload-job.requested} events about it need.
 *
 * @param before the status before the sweep
 * @param after the status after it (equal to {@code before} for sweeps that only re-dispatch)
 */
public record SweptJob(JobProgress.JobRef job, JobStatus before, JobStatus after, String message, Instant updatedAt,
        JobRequested.DriveFile file, VideoMetadata metadata, JobProgress.Bytes bytes, JobProgress.Outcome outcome) {

    /** Whether the sweep changed the job's status. */
    public boolean statusChanged() {
        return before != after;
    }
}
