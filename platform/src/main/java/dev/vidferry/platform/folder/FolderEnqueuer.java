package dev.vidferry.platform.folder;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;

import dev.vidferry.model.event.JobRequested;
import dev.vidferry.model.folder.SkipReason;
import dev.vidferry.model.metadata.VideoMetadata;
import dev.vidferry.platform.drive.ScannedVideo;
import dev.vidferry.platform.folder.FolderBatch.PlannedJob;
import dev.vidferry.platform.folder.FolderBatch.SkippedVideo;
import dev.vidferry.platform.job.JobBatches;
import dev.vidferry.platform.job.QueuedEvents;
import dev.vidferry.platform.outbox.OutboxRow;
import dev.vidferry.platform.outbox.OutboxWriter;

/**
 * Turns the videos of a folder scan into jobs, for the api (one-off folder uploads) and the scheduler (saved syncs):
 * renders each file's metadata, skips duplicates per user and Google account ({@code already_queued},
 * {@code duplicate_md5_queued}, {@code already_uploaded:<videoId>}, also among the batch's own files), then writes
 * every job row and its two outbox rows ({@code upload-job.requested}, {@code upload-job.progress}) in bulk, in one
 * transaction: four statements whatever the batch size. Runs on the reactive pg client; the api passes its
 * {@code Pool} (a transaction of its own, not the Panache session), the scheduler its own.
 *
 * <p>
 * Two enqueues of the same files at once cannot both queue one file: V12's partial unique index makes the insert
 * skip it, and it is reported {@code already_queued}.
 */
@ApplicationScoped
public class FolderEnqueuer {

    private final OutboxWriter outbox;
    private final ObjectMapper mapper;

    public FolderEnqueuer(OutboxWriter outbox, ObjectMapper mapper) {
        this.outbox = outbox;
        this.mapper = mapper;
    }

    /** What {@link #enqueue} would do now, without writing anything (jobs carry no creation time). */
    public Uni<FolderBatch> preview(SqlClient client, FolderBatchRequest request) {
        return plan(client, request);
    }

    /**
     * Plans and writes the batch in one transaction of {@code pool}: the jobs written, the videos skipped. A failure
     * (database) writes nothing.
     */
    public Uni<FolderBatch> enqueue(Pool pool, FolderBatchRequest request) {
        return pool.withTransaction(tx -> enqueue(tx, request));
    }

    /**
     * Plans and writes the batch on {@code tx}, a transaction the caller opened (and commits), e.g. to record a sync
     * run in the same transaction.
     */
    public Uni<FolderBatch> enqueue(SqlClient tx, FolderBatchRequest request) {
        long t0 = System.nanoTime();
        return plan(tx, request).chain(plan -> JobBatches.insert(tx, request.batch(), batchJobs(plan))
                .chain(inserted -> {
                    List<PlannedJob> written = new ArrayList<>();
                    List<SkippedVideo> skipped = new ArrayList<>(plan.skipped());
                    for (PlannedJob job : plan.jobs()) {
                        Instant at = inserted.get(job.jobId());
                        if (at == null) {
                            skipped.add(new SkippedVideo(job.video(), SkipReason.alreadyQueued())); // a racing enqueue
                        } else {
                            written.add(job.queuedAt(at));
                        }
                    }
                    FolderBatch done = new FolderBatch(plan.batchId(), written, skipped);
                    return outbox.addAll(tx, events(request.batch(), written)).replaceWith(done);
                }))
                .invoke(done -> Log.infof("batch %s of owner %s: %d jobs queued, %d skipped in %d ms",
                        done.batchId(), request.batch().ownerId(), done.addedCount(), done.skippedCount(),
                        (System.nanoTime() - t0) / 1_000_000));
    }

    private Uni<FolderBatch> plan(SqlClient client, FolderBatchRequest request) {
        JobBatches.Batch batch = request.batch();
        FolderPlanner.Keys keys = FolderPlanner.keys(request.videos());
        if (keys.fileIds().isEmpty()) {
            return Uni.createFrom().item(FolderPlanner.plan(request, List.of(), Map.of()));
        }
        return JobBatches.live(client, batch.ownerId(), batch.googleAccountId(), keys.fileIds(), keys.md5s())
                .chain(live -> (batch.skipDuplicates()
                        ? JobBatches.uploaded(client, batch.ownerId(), batch.googleAccountId(), keys.md5s())
                        : Uni.createFrom().item(Map.<String, String>of()))
                        .map(uploaded -> FolderPlanner.plan(request, live, uploaded)));
    }

    private List<JobBatches.BatchJob> batchJobs(FolderBatch plan) {
        List<JobBatches.BatchJob> out = new ArrayList<>(plan.jobs().size());
        for (PlannedJob job : plan.jobs()) {
            ScannedVideo v = job.video();
            out.add(new JobBatches.BatchJob(job.jobId(), v.fileId(), v.name(), v.mimeType(), v.md5(), v.size(),
                    v.folderPath(), json(job.rendered().metadata()), job.warning()));
        }
        return out;
    }

    private List<OutboxRow> events(JobBatches.Batch batch, List<PlannedJob> jobs) {
        List<QueuedEvents.Queued> queued = new ArrayList<>(jobs.size());
        for (PlannedJob job : jobs) {
            ScannedVideo v = job.video();
            queued.add(new QueuedEvents.Queued(job.jobId(), new JobRequested.DriveFile(v.fileId(), v.name(),
                    v.mimeType(), v.size(), v.md5()), job.rendered().metadata(), job.createdAt()));
        }
        return QueuedEvents.of(outbox, batch.ownerId(), queued);
    }

    private String json(VideoMetadata metadata) {
        try {
            return mapper.writeValueAsString(metadata);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialise metadata", e);
        }
    }
}
