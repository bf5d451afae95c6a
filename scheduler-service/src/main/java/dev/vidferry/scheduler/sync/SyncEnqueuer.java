package dev.vidferry.scheduler.sync;

import java.util.List;
import java.util.UUID;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;

import dev.vidferry.platform.drive.ScannedVideo;
import dev.vidferry.platform.sync.FolderSync;

/**
 * The seam between a sync run and the platform folder-batch enqueue (render, dedupe, job rows and outbox rows): a run
 * finds the videos, this turns them into jobs, in the run's transaction.
 */
public interface SyncEnqueuer {

    /**
     * What one enqueue did.
     *
     * @param batchId the batch the new jobs belong to, null when none was added
     * @param leftOver new videos not queued because of {@code maxFilesPerRun} (the next run rescans for them)
     */
    record Outcome(String batchId, int added, int skipped, int leftOver) {
    }

    /**
     * Enqueues {@code videos} for {@code sync}'s owner and {@code googleAccountId} with its settings, at most
     * {@code sync.maxFilesPerRun()} new jobs, on {@code tx}; duplicates (pending, running, uploaded) are skipped.
     */
    Uni<Outcome> enqueue(SqlClient tx, FolderSync sync, UUID googleAccountId, String batchId,
            List<ScannedVideo> videos);
}
