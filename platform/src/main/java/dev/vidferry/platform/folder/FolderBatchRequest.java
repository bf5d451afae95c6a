package dev.vidferry.platform.folder;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import dev.vidferry.model.folder.FolderSettings;
import dev.vidferry.platform.drive.ScannedVideo;
import dev.vidferry.platform.job.JobBatches;

/**
 * A folder batch to plan or enqueue: the videos of a scan ({@code FolderScan.videos()}, or the changed ones of an
 * incremental run) and how to turn each into a job.
 *
 * @param batch owner, Google account (duplicates are per user and account/channel), batch id, sync id, attempts;
 *        {@code skipDuplicates} false queues files whose md5 is already queued or uploaded (and tells the worker not
 *        to complete them as duplicates at claim); a file already live is never queued twice
 * @param videos in the order the jobs should run
 * @param settings validated beforehand ({@link FolderSettings#validate}: unknown placeholders are the caller's 400)
 * @param zone the zone of {@code {upload_date}}
 * @param queuedAt the instant of {@code {upload_date}} and of the metadata rules ({@code publishAt} in the future)
 * @param limits file size limits of a job
 */
public record FolderBatchRequest(JobBatches.Batch batch, List<ScannedVideo> videos, FolderSettings settings,
        ZoneId zone, Instant queuedAt, Limits limits) {

    public FolderBatchRequest {
        videos = List.copyOf(videos);
    }

    /**
     * @param maxSizeBytes larger files are skipped with {@code too_large}
     * @param warningSizeBytes larger files get a warning on their job
     */
    public record Limits(long maxSizeBytes, long warningSizeBytes) {
    }
}
