package dev.vidferry.platform.job;

import java.util.UUID;

import dev.vidferry.model.metadata.VideoMetadata;

/**
 * A job a worker holds a lease on, as the claim ({@link JobClaims#claimNext}) returned it.
 *
 * @param uploadSessionUri a resumable session an earlier attempt opened, or null
 * @param uploadConfirmedOffset bytes YouTube confirmed for that session
 * @param skipDuplicates whether the worker completes the job as a duplicate when its md5 is already on the channel
 *        (false: the user asked to upload copies too, V12)
 */
public record ClaimedJob(Fence fence, String ownerId, UUID googleAccountId, String driveFileId, String driveFileName,
        String driveMimeType, String driveMd5, long sizeBytes, VideoMetadata metadata, int maxAttempts,
        String uploadSessionUri, long uploadConfirmedOffset, boolean skipDuplicates) {

    public UUID id() {
        return fence.jobId();
    }

    public int attempt() {
        return fence.attempt();
    }
}
