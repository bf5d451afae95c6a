package dev.vidferry.model.event;

import java.time.Instant;
import java.util.UUID;

import dev.vidferry.model.metadata.VideoMetadata;

/**
 * Payload of {@code upload-job.requested}: a job is ready to run. Carries what a worker needs to run it
 * and nothing secret: credentials are read by the worker from Postgres. The job row stays the source of
 * truth; a worker claims the job there before doing anything, so duplicates of this event are harmless.
 * Build it with {@link #submitted}, {@link #redispatch} or {@link #dispatch}, not positionally.
 *
 * @param jobId the job
 * @param ownerId subject of the user who owns the job
 * @param driveFileId the Drive file to copy
 * @param fileName Drive file name
 * @param mimeType Drive mime type
 * @param sizeBytes Drive size in bytes
 * @param md5Checksum Drive md5 (may be null for files Drive has no checksum for)
 * @param metadata the YouTube metadata to apply
 * @param attempt attempts made so far (0 for a new job)
 * @param reason why it is dispatched: {@code created}, {@code retry}, {@code redispatch}, {@code resume}
 */
public record JobRequested(UUID jobId, String ownerId, String driveFileId, String fileName, String mimeType,
        long sizeBytes, String md5Checksum, VideoMetadata metadata, int attempt, String reason) {

    /** A new job. */
    public static final String CREATED = "created";
    /** Its user asked to try a finished job again. */
    public static final String RETRY = "retry";
    /** Sent again: a lease expired, a worker handed it back, or nobody claimed it in time. */
    public static final String REDISPATCH = "redispatch";
    /** A deferred job whose time came. */
    public static final String RESUME = "resume";

    /**
     * The Drive file a job copies.
     *
     * @param md5Checksum may be null for files Drive has no checksum for
     */
    public record DriveFile(String driveFileId, String fileName, String mimeType, long sizeBytes,
            String md5Checksum) {
    }

    /** The job is dispatched for {@code reason} (one of the constants) after {@code attempt} attempts. */
    public static JobRequested dispatch(UUID jobId, String ownerId, DriveFile file, VideoMetadata metadata,
            int attempt, String reason) {
        return new JobRequested(jobId, ownerId, file.driveFileId(), file.fileName(), file.mimeType(), file.sizeBytes(),
                file.md5Checksum(), metadata, attempt, reason);
    }

    /** A job just created, with {@code attempt} attempts so far (0 for a new job). */
    public static JobRequested submitted(UUID jobId, String ownerId, DriveFile file, VideoMetadata metadata,
            int attempt) {
        return dispatch(jobId, ownerId, file, metadata, attempt, CREATED);
    }

    /** A job sent again for another worker to take, after {@code attempt} attempts. */
    public static JobRequested redispatch(UUID jobId, String ownerId, DriveFile file, VideoMetadata metadata,
            int attempt) {
        return dispatch(jobId, ownerId, file, metadata, attempt, REDISPATCH);
    }

    /** This request in its envelope (a fresh event id), as published on {@code upload-job.requested}. */
    public EventEnvelope<JobRequested> envelope(Instant occurredAt) {
        return EventEnvelope.of(EventTypes.JOB_REQUESTED, jobId, occurredAt, this);
    }
}
