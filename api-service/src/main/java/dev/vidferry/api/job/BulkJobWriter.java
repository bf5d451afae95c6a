package dev.vidferry.api.job;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;

import dev.vidferry.api.drive.DriveFileInfo;
import dev.vidferry.model.event.JobRequested;
import dev.vidferry.model.job.JobStatus;
import dev.vidferry.model.metadata.VideoMetadata;
import dev.vidferry.platform.job.JobBatches;
import dev.vidferry.platform.job.QueuedEvents;
import dev.vidferry.platform.outbox.OutboxWriter;

/**
 * Writes the accepted items of a bulk request in one transaction of the reactive {@link Pool} with the platform's bulk
 * statements ({@link JobBatches#insert} per batch id, then every outbox row in one insert); the answer's jobs are
 * what was written. A file a racing request queued first is not written (V12).
 */
@ApplicationScoped
public class BulkJobWriter {

    private final Pool pool;
    private final OutboxWriter outbox;
    private final JobMapper mapper;
    private final JobsConfig config;

    public BulkJobWriter(Pool pool, OutboxWriter outbox, JobMapper mapper, JobsConfig config) {
        this.pool = pool;
        this.outbox = outbox;
        this.mapper = mapper;
        this.config = config;
    }

    /** The items written (job null: refused by V12's index), in the order given. */
    Uni<List<BulkJobService.Created>> write(String ownerId, UUID accountId, List<BulkJobService.Accepted> accepted) {
        Map<UUID, BulkJobService.Accepted> byId = new LinkedHashMap<>();
        Map<String, List<JobBatches.BatchJob>> byBatch = new LinkedHashMap<>();
        Map<UUID, VideoMetadata> metadata = new HashMap<>();
        Map<UUID, JobBatches.BatchJob> rows = new HashMap<>();
        for (BulkJobService.Accepted item : accepted) {
            UUID id = UUID.randomUUID();
            byId.put(id, item);
            DriveFileInfo file = item.file();
            VideoMetadata m = item.request().metadata().withDefaults();
            metadata.put(id, m);
            JobBatches.BatchJob row = new JobBatches.BatchJob(id, file.id(), name(file), file.mimeType(),
                    file.md5Checksum(), file.size(), item.request().folderPath(), mapper.json(m), warning(file.size()));
            rows.put(id, row);
            byBatch.computeIfAbsent(Objects.toString(item.request().batchId(), ""), k -> new ArrayList<>()).add(row);
        }
        return pool.withTransaction(tx -> insert(tx, ownerId, accountId, byBatch).chain(inserted -> {
            List<QueuedEvents.Queued> queued = new ArrayList<>();
            byId.forEach((id, item) -> {
                Instant at = inserted.get(id);
                if (at != null) {
                    DriveFileInfo f = item.file();
                    queued.add(new QueuedEvents.Queued(id, new JobRequested.DriveFile(f.id(), name(f), f.mimeType(),
                            f.size(), f.md5Checksum()), metadata.get(id), at));
                }
            });
            List<BulkJobService.Created> out = new ArrayList<>();
            byId.forEach((id, item) -> out.add(new BulkJobService.Created(item.index(), inserted.containsKey(id)
                    ? written(id, ownerId, accountId, item, rows.get(id), inserted.get(id))
                    : null)));
            return outbox.addAll(tx, QueuedEvents.of(outbox, ownerId, queued)).replaceWith(out);
        }));
    }

    /**
     * The job as the insert wrote it (pending, nothing transferred), built in memory: reading 500 entities back
     * through Hibernate would cost more than the whole insert.
     */
    private UploadJob written(UUID id, String ownerId, UUID accountId, BulkJobService.Accepted item,
            JobBatches.BatchJob row, Instant at) {
        UploadJob job = new UploadJob();
        job.id = id;
        job.ownerId = ownerId;
        job.googleAccountId = accountId;
        job.driveFileId = row.driveFileId();
        job.driveFileName = row.fileName();
        job.driveMimeType = row.mimeType();
        job.driveMd5 = row.md5();
        job.sizeBytes = row.sizeBytes();
        job.totalBytes = row.sizeBytes();
        job.folderPath = row.folderPath();
        job.batchId = item.request().batchId();
        job.metadata = row.metadataJson();
        job.status = JobStatus.PENDING;
        job.message = "Queued";
        job.warning = row.warning();
        job.maxAttempts = config.maxAttempts();
        job.createdAt = at;
        job.updatedAt = at;
        return job;
    }

    private Uni<Map<UUID, Instant>> insert(SqlClient tx, String ownerId, UUID accountId,
            Map<String, List<JobBatches.BatchJob>> byBatch) {
        Uni<Map<UUID, Instant>> chain = Uni.createFrom().item(new HashMap<>());
        for (Map.Entry<String, List<JobBatches.BatchJob>> group : byBatch.entrySet()) {
            JobBatches.Batch batch = new JobBatches.Batch(ownerId, accountId,
                    group.getKey().isEmpty() ? null : group.getKey(), null, config.maxAttempts(), true);
            chain = chain.chain(all -> JobBatches.insert(tx, batch, group.getValue()).map(some -> {
                all.putAll(some);
                return all;
            }));
        }
        return chain;
    }

    private static String name(DriveFileInfo file) {
        return file.name() == null ? file.id() : file.name();
    }

    private String warning(long size) {
        long warningSize = config.warningSize().asLongValue();
        return size > warningSize
                ? "The file has " + size + " bytes, above the warning size of " + warningSize
                        + " bytes: the transfer will take long"
                : null;
    }
}
