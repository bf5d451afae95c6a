package dev.vidferry.model.api;

import java.time.Instant;
import java.util.UUID;

import dev.vidferry.model.job.JobStatus;
import dev.vidferry.model.metadata.VideoMetadata;

/**
 * An upload job as the API shows it.
 *
 * @param id job id (also the Kafka key of its events)
 * @param status lifecycle state
 * @param stage what a running job is doing ({@code downloading}, {@code uploading}), else null
 * @param progress 0-100
 * @param bytesTransferred bytes confirmed by YouTube so far
 * @param totalBytes size being transferred
 * @param driveFileId the Drive file (the target when the request named a shortcut)
 * @param fileName Drive file name
 * @param mimeType Drive mime type
 * @param sizeBytes Drive size in bytes
 * @param md5Checksum Drive md5, when Drive has one
 * @param folderPath Drive folder path given at creation
 * @param batchId batch label given at creation
 * @param metadata YouTube metadata, defaults filled in
 * @param message last human-readable status line
 * @param warning set at creation when the file is above the warning size
 * @param errorCode why it failed or was deferred ({@code dev.vidferry.model.job.ErrorCode} names)
 * @param errorMessage what went wrong, for people
 * @param attempt attempts made so far
 * @param maxAttempts attempts allowed before the job fails
 * @param nextAttemptAt when a deferred job is tried again
 * @param videoId YouTube video id once uploaded
 * @param videoUrl YouTube watch URL once uploaded
 * @param cancelRequestedAt when the user asked to cancel a running job
 * @param createdAt when the job was created
 * @param updatedAt last change
 * @param startedAt when a worker first started it
 * @param completedAt when it reached completed, failed or cancelled
 */
public record JobView(UUID id, JobStatus status, String stage, int progress, long bytesTransferred, long totalBytes,
        String driveFileId, String fileName, String mimeType, long sizeBytes, String md5Checksum, String folderPath,
        String batchId, VideoMetadata metadata, String message, String warning, String errorCode, String errorMessage,
        int attempt, int maxAttempts, Instant nextAttemptAt, String videoId, String videoUrl, Instant cancelRequestedAt,
        Instant createdAt, Instant updatedAt, Instant startedAt, Instant completedAt) {
}
