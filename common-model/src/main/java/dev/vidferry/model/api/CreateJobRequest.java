package dev.vidferry.model.api;

import dev.vidferry.model.metadata.VideoMetadata;

/**
 * Body of {@code POST /api/v1/jobs}: copy one Drive file to YouTube. Name, size, md5 and mime type are read from
 * Drive by the API, never taken from the client.
 *
 * @param driveFileId the Drive file (a shortcut is resolved to its target); required
 * @param metadata how the video should look on YouTube; required, validated by YouTube's rules
 * @param batchId optional label grouping jobs (e.g. one folder scan), at most 200 characters
 * @param folderPath optional Drive folder path shown with the job, at most 1000 characters
 * @param googleAccountId optional: which of the caller's Google accounts (channels) uploads; default: their default
 *        account ({@code GET /api/v1/google/accounts})
 */
public record CreateJobRequest(String driveFileId, VideoMetadata metadata, String batchId, String folderPath,
        String googleAccountId) {
}
