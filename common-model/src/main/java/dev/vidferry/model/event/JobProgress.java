package dev.vidferry.model.event;

import java.time.Instant;
import java.util.UUID;

import dev.vidferry.model.job.ErrorCode;
import dev.vidferry.model.job.JobStage;
import dev.vidferry.model.job.JobStatus;

/**
 * Payload of {@code upload-job.progress}: emitted on every status change and at most every 500 ms while
 * bytes move. Following these events a consumer sees a job to its end; {@code progress} never decreases
 * within one attempt.
 *
 * @param jobId the job
 * @param ownerId subject of the owner
 * @param status the job's status after this event
 * @param stage what the job is doing
 * @param progress 0-100
 * @param bytesTransferred bytes confirmed by YouTube so far
 * @param totalBytes size of the file
 * @param bytesPerSecond recent throughput, 0 when not moving
 * @param message a human-readable line
 * @param videoId the YouTube video id once known
 * @param errorCode why it failed or was deferred, else null
 * @param attempt the attempt this event belongs to
 * @param nextAttemptAt when a deferred job will be tried again, else null
 * @param occurredAt when
 */
public record JobProgress(UUID jobId, String ownerId, JobStatus status, JobStage stage, int progress,
        long bytesTransferred, long totalBytes, long bytesPerSecond, String message, String videoId,
        ErrorCode errorCode, int attempt, Instant nextAttemptAt, Instant occurredAt) {

    /** This event in its envelope (a fresh event id), as published on {@code upload-job.progress}. */
    public EventEnvelope<JobProgress> envelope() {
        return EventEnvelope.of(EventTypes.JOB_PROGRESS, jobId, occurredAt, this);
    }
}
