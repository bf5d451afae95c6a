package dev.vidferry.api.job;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

import dev.vidferry.api.outbox.SessionOutbox;
import dev.vidferry.model.event.JobControl;
import dev.vidferry.model.event.JobProgress;
import dev.vidferry.model.event.JobRequested;
import dev.vidferry.model.event.Topics;
import dev.vidferry.model.job.ErrorCode;
import dev.vidferry.model.job.JobStage;
import dev.vidferry.model.job.JobStatus;

/** The events the API emits about a job, through the outbox (call inside the job's transaction). */
@ApplicationScoped
public class JobEvents {

    private final SessionOutbox outbox;
    private final JobMapper mapper;

    public JobEvents(SessionOutbox outbox, JobMapper mapper) {
        this.outbox = outbox;
        this.mapper = mapper;
    }

    /** The job is ready for a worker ({@code reason}: created, retry). */
    public Uni<Void> requested(UploadJob job, String reason) {
        JobRequested.DriveFile file = new JobRequested.DriveFile(job.driveFileId, job.driveFileName,
                job.driveMimeType, job.sizeBytes, job.driveMd5);
        JobRequested payload = JobRequested.dispatch(job.id, job.ownerId, file, mapper.metadata(job), job.attempt,
                reason);
        return outbox.add(Topics.JOB_REQUESTED, payload.envelope(job.updatedAt));
    }

    /** A status change made by the API (created, cancelled, retried), for followers of upload-job.progress. */
    public Uni<Void> statusChanged(UploadJob job) {
        JobStage stage = job.status == JobStatus.PENDING
                ? JobStage.QUEUED
                : job.status.isFinished() ? JobStage.FINISHED : null;
        JobProgress payload = JobProgress.statusChanged(new JobProgress.JobRef(job.id, job.ownerId, job.attempt),
                job.status, stage, new JobProgress.Bytes(job.progress, job.bytesTransferred, job.sizeBytes),
                job.message, new JobProgress.Outcome(job.videoId,
                        job.errorCode == null ? null : errorCode(job.errorCode), job.nextAttemptAt),
                job.updatedAt);
        return outbox.add(Topics.JOB_PROGRESS, payload.envelope());
    }

    /** Asks the worker running the job to stop. */
    public Uni<Void> cancelRequested(UploadJob job, Instant at) {
        return outbox.add(Topics.JOB_CONTROL, new JobControl(job.id, JobControl.CANCEL).envelope(at));
    }

    private static ErrorCode errorCode(String name) {
        try {
            return ErrorCode.valueOf(name);
        } catch (IllegalArgumentException e) {
            return ErrorCode.INTERNAL;
        }
    }
}
