package dev.vidferry.scheduler.sync;

import java.util.List;
import java.util.UUID;

import io.smallrye.mutiny.Uni;

import dev.vidferry.platform.drive.ScannedVideo;
import dev.vidferry.platform.sync.FolderSync;

/**
 * The seam between a sync run and the platform folder-batch enqueue (render, dedupe, job rows and outbox rows in
 * one transaction): a run finds the videos, this turns them into jobs.
 */
public interface SyncEnqueuer {

    /**
     * What one enqueue did.
     *
     * @param batchId the batch the new jobs belong to, null when none was added
     */
    record Outcome(UUID batchId, int added, int skipped) {
    }

    /**
     * Enqueues {@code videos} for {@code sync}'s owner and account with its settings, at most
     * {@code sync.maxFilesPerRun()} new jobs; duplicates (pending, running, uploaded) are skipped.
     */
    Uni<Outcome> enqueue(FolderSync sync, UUID googleAccountId, List<ScannedVideo> videos);
}
