package dev.vidferry.model.event;

import java.time.Instant;
import java.util.UUID;

import dev.vidferry.model.job.ErrorCode;
import dev.vidferry.model.job.JobStage;
import dev.vidferry.model.job.JobStatus;

/**
 * Payload of {@code upload-job.progress}: emitted on every status change and at most every 500 ms while
 * bytes move. Following these events a consumer sees a job to its end; {@code progress} never decreases
 * within one attempt. Build it with {@link #statusChanged} or {@link #tick}, not positionally.
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

    /** Which job, whose, and which attempt an event belongs to. */
    public record JobRef(UUID jobId, String ownerId, int attempt) {
    }

    /**
     * How far the bytes are.
     *
     * @param progress 0-100
     * @param transferred bytes confirmed by YouTube so far
     * @param total size of the file
     */
    public record Bytes(int progress, long transferred, long total) {

        /** Nothing moved yet of a file of {@code total} bytes. */
        public static Bytes none(long total) {
            return new Bytes(0, 0, total);
        }
    }

    /**
     * What a status change leaves behind: the video once uploaded, why it failed or waits, when it is tried again
     * (each may be null).
     */
    public record Outcome(String videoId, ErrorCode errorCode, Instant nextAttemptAt) {

        /** No video, no error, no next attempt. */
        public static final Outcome NONE = new Outcome(null, null, null);
    }

    /** The job's status changed (to {@code status}); nothing is moving at that instant, so throughput is 0. */
    public static JobProgress statusChanged(JobRef job, JobStatus status, JobStage stage, Bytes bytes, String message,
            Outcome outcome, Instant occurredAt) {
        return new JobProgress(job.jobId(), job.ownerId(), status, stage, bytes.progress(), bytes.transferred(),
                bytes.total(), 0, message, outcome.videoId(), outcome.errorCode(), job.attempt(),
                outcome.nextAttemptAt(), occurredAt);
    }

    /** Bytes moved while the status stays {@code status}: a progress tick with the recent throughput. */
    public static JobProgress tick(JobRef job, JobStatus status, JobStage stage, Bytes bytes, long bytesPerSecond,
            String message, Instant occurredAt) {
        return new JobProgress(job.jobId(), job.ownerId(), status, stage, bytes.progress(), bytes.transferred(),
                bytes.total(), bytesPerSecond, message, null, null, job.attempt(), null, occurredAt);
    }

    /** This event in its envelope (a fresh event id), as published on {@code upload-job.progress}. */
    public EventEnvelope<JobProgress> envelope() {
        return EventEnvelope.of(EventTypes.JOB_PROGRESS, jobId, occurredAt, this);
    }
}
