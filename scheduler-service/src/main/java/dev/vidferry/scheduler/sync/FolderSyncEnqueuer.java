package dev.vidferry.scheduler.sync;

import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;

import dev.vidferry.platform.drive.ScannedVideo;
import dev.vidferry.platform.folder.FolderBatch;
import dev.vidferry.platform.folder.FolderBatchRequest;
import dev.vidferry.platform.folder.FolderEnqueuer;
import dev.vidferry.platform.job.JobBatches;
import dev.vidferry.platform.sync.FolderSync;

/**
 * {@link SyncEnqueuer} on the platform {@link FolderEnqueuer}. {@code maxFilesPerRun} counts new jobs: when more
 * videos are found than that, a preview tells which are new and only the first of those are enqueued.
 */
@ApplicationScoped
public class FolderSyncEnqueuer implements SyncEnqueuer {

    private final FolderEnqueuer folders;
    private final SyncJobsConfig jobs;

    FolderSyncEnqueuer(FolderEnqueuer folders, SyncJobsConfig jobs) {
        this.folders = folders;
        this.jobs = jobs;
    }

    @Override
    public Uni<Outcome> enqueue(SqlClient tx, FolderSync sync, UUID googleAccountId, String batchId,
            List<ScannedVideo> videos) {
        if (videos.isEmpty()) {
            return Uni.createFrom().item(new Outcome(null, 0, 0, 0));
        }
        JobBatches.Batch batch = new JobBatches.Batch(sync.ownerId(), googleAccountId, batchId, sync.id(),
                jobs.maxAttempts(), true);
        FolderBatchRequest all = request(sync, batch, videos);
        int max = sync.maxFilesPerRun();
        if (videos.size() <= max) {
            return folders.enqueue(tx, all).map(done -> outcome(done, 0, 0));
        }
        return folders.preview(tx, all).chain(plan -> {
            if (plan.jobs().size() <= max) {
                return folders.enqueue(tx, all).map(done -> outcome(done, 0, 0));
            }
            List<ScannedVideo> first = plan.jobs().subList(0, max).stream().map(FolderBatch.PlannedJob::video)
                    .toList();
            return folders.enqueue(tx, request(sync, batch, first))
                    .map(done -> outcome(done, plan.skippedCount(), plan.jobs().size() - max));
        });
    }

    private FolderBatchRequest request(FolderSync sync, JobBatches.Batch batch, List<ScannedVideo> videos) {
        return new FolderBatchRequest(batch, videos, sync.settings(), ZoneId.of(sync.timezone()),
                Instant.now().truncatedTo(ChronoUnit.MICROS),
                new FolderBatchRequest.Limits(jobs.maxSize().asLongValue(), jobs.warningSize().asLongValue()));
    }

    private static Outcome outcome(FolderBatch done, int skippedBefore, int leftOver) {
        return new Outcome(done.addedCount() > 0 ? done.batchId() : null, done.addedCount(),
                skippedBefore + done.skippedCount(), leftOver);
    }
}
