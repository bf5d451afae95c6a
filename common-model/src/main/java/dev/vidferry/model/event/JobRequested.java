package dev.vidferry.model.event;

import java.time.Instant;
import java.util.UUID;

import dev.vidferry.model.metadata.VideoMetadata;

/**
 * Payload of {@code upload-job.requested}: a job is ready to run. Carries what a worker needs to run it
 * and nothing secret: credentials are read by the worker from Postgres. The job row stays the source of
 * truth; a worker claims the job there before doing anything, so duplicates of this event are harmless.
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

    /** This request in its envelope (a fresh event id), as published on {@code upload-job.requested}. */
    public EventEnvelope<JobRequested> envelope(Instant occurredAt) {
        return EventEnvelope.of(EventTypes.JOB_REQUESTED, jobId, occurredAt, this);
    }
}
