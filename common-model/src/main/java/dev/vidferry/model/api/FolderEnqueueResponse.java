package dev.vidferry.model.api;

import java.util.List;
import java.util.UUID;

/**
 * Answer of {@code POST /api/v1/folders/{folderId}/enqueue}: what was queued (one transaction) and what was skipped.
 *
 * @param batchId the jobs' batch id ({@code GET /api/v1/jobs?batchId=})
 * @param jobs the jobs queued, in the order they run
 * @param skipped the videos not queued, each with its reason ({@code already_queued}, {@code duplicate_md5_queued},
 *        {@code already_uploaded:<videoId>}, {@code bad_sidecar: <field>}, {@code no_content}, {@code empty_file},
 *        {@code too_large})
 * @param warnings problems of the scan that concern no single video
 * @param driveCalls Drive requests the scan made
 */
public record FolderEnqueueResponse(String batchId, int addedCount, int skippedCount, List<QueuedFile> jobs,
        List<SkippedFile> skipped, List<String> warnings, int driveCalls) {

    /** A job queued for a video. */
    public record QueuedFile(UUID jobId, String fileId, String fileName, String folderPath, String title) {
    }

    /** A video not queued. */
    public record SkippedFile(String fileId, String fileName, String folderPath, String reason) {
    }
}
