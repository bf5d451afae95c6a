package dev.vidferry.model.api;

import java.time.Instant;
import java.util.UUID;

/**
 * One successful upload.
 *
 * @param id history entry id
 * @param jobId the job that uploaded it
 * @param driveFileId source Drive file
 * @param fileName Drive file name
 * @param md5Checksum Drive md5
 * @param sizeBytes size in bytes
 * @param videoId YouTube video id
 * @param videoUrl YouTube watch URL
 * @param title video title
 * @param channelId YouTube channel
 * @param uploadedAt when the upload finished
 */
public record HistoryEntry(UUID id, UUID jobId, String driveFileId, String fileName, String md5Checksum,
        Long sizeBytes, String videoId, String videoUrl, String title, String channelId, Instant uploadedAt) {
}
