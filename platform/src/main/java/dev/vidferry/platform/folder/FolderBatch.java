package dev.vidferry.platform.folder;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.vidferry.model.folder.FolderSettings.RenderedMetadata;
import dev.vidferry.model.folder.SkipReason;
import dev.vidferry.platform.drive.ScannedVideo;

/**
 * What a folder batch queued (or, for a preview, would queue) and what it skipped, in the order of the request.
 *
 * @param jobs the jobs queued (preview: that would be queued)
 * @param skipped the videos not queued, each with its reason
 */
public record FolderBatch(String batchId, List<PlannedJob> jobs, List<SkippedVideo> skipped) {

    public FolderBatch {
        jobs = List.copyOf(jobs);
        skipped = List.copyOf(skipped);
    }

    public int addedCount() {
        return jobs.size();
    }

    public int skippedCount() {
        return skipped.size();
    }

    /**
     * A job of the batch.
     *
     * @param rendered the metadata sent to YouTube and what rendering changed
     * @param warning the job's warning (rendering changes, a large file), or null
     * @param createdAt when it was queued; null in a preview
     */
    public record PlannedJob(UUID jobId, ScannedVideo video, RenderedMetadata rendered, String warning,
            Instant createdAt) {

        PlannedJob queuedAt(Instant at) {
            return new PlannedJob(jobId, video, rendered, warning, at);
        }
    }

    /** A video not queued. */
    public record SkippedVideo(ScannedVideo video, SkipReason reason) {

        public String fileId() {
            return video.fileId();
        }

        public String fileName() {
            return video.name();
        }
    }
}
