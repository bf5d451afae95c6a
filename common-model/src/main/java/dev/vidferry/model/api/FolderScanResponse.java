package dev.vidferry.model.api;

import java.util.List;

/**
 * Answer of {@code POST /api/v1/folders/{folderId}/scan}: the videos the same enqueue would consider, each with what
 * it would become (or why it would be skipped); nothing is queued.
 *
 * @param videos in folder path then name order, at most {@code maxFiles}
 * @param wouldAdd videos that would be queued now
 * @param videosOverLimit more videos found beyond {@code maxFiles}
 * @param nonVideos files that are neither videos, sidecars nor manifests (never queued)
 * @param warnings problems of the scan that concern no single video (dangling shortcuts, cycles, depth limit)
 * @param driveCalls Drive requests the scan made
 */
public record FolderScanResponse(String folderId, String rootFolderName, List<ScannedFile> videos, int wouldAdd,
        int wouldSkip, int videosOverLimit, int nonVideos, int sidecars, int manifests, int foldersScanned,
        List<String> warnings, int driveCalls) {

    /**
     * One video.
     *
     * @param fileId the Drive file uploaded (a shortcut's target)
     * @param name the name in the folder (a shortcut's own name)
     * @param folderPath below the scanned folder, {@code A/B}; empty for its own files
     * @param skipReason why it would not be queued, or null
     * @param title the title it would get (null when skipped)
     * @param description the description it would get (null when skipped)
     * @param changes what rendering changed to follow YouTube's rules
     * @param warnings things worth knowing (no md5, reached through a shortcut)
     */
    public record ScannedFile(String fileId, String name, String folderPath, Long size, String md5, String mimeType,
            String skipReason, String title, String description, List<String> changes, List<String> warnings) {
    }
}
