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

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;

import dev.vidferry.api.drive.DriveFileInfo;
import dev.vidferry.model.event.JobRequested;
import dev.vidferry.model.metadata.VideoMetadata;
import dev.vidferry.platform.job.JobBatches;
import dev.vidferry.platform.job.QueuedEvents;
import dev.vidferry.platform.outbox.OutboxWriter;

/**
 * Writes the accepted items of a bulk request in one transaction of the reactive {@link Pool} with the platform's bulk
 * statements ({@link JobBatches#insert} per batch id, then every outbox row in one insert), then reads the jobs back
 * in one query on a Panache session for the answer. A file a racing request queued first is not written (V12).
 */
@ApplicationScoped
public class BulkJobWriter {

    private final Pool pool;
    private final OutboxWriter outbox;
    private final JobMapper mapper;
    private final JobRepository jobs;
    private final JobsConfig config;

    public BulkJobWriter(Pool pool, OutboxWriter outbox, JobMapper mapper, JobRepository jobs, JobsConfig config) {
        this.pool = pool;
        this.outbox = outbox;
        this.mapper = mapper;
        this.jobs = jobs;
        this.config = config;
    }

    /** The items written (job null: refused by V12's index), in the order given. */
    Uni<List<BulkJobService.Created>> write(String ownerId, UUID accountId, List<BulkJobService.Accepted> accepted) {
        Map<UUID, BulkJobService.Accepted> byId = new LinkedHashMap<>();
        Map<String, List<JobBatches.BatchJob>> byBatch = new LinkedHashMap<>();
        Map<UUID, VideoMetadata> metadata = new HashMap<>();
        for (BulkJobService.Accepted item : accepted) {
            UUID id = UUID.randomUUID();
            byId.put(id, item);
            DriveFileInfo file = item.file();
            VideoMetadata m = item.request().metadata().withDefaults();
            metadata.put(id, m);
            byBatch.computeIfAbsent(Objects.toString(item.request().batchId(), ""), k -> new ArrayList<>())
                    .add(new JobBatches.BatchJob(id, file.id(), name(file), file.mimeType(), file.md5Checksum(),
                            file.size(), item.request().folderPath(), mapper.json(m), warning(file.size())));
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
            return outbox.addAll(tx, QueuedEvents.of(outbox, ownerId, queued)).replaceWith(inserted.keySet());
        })).chain(ids -> Panache.withSession(() -> jobs.list("id in ?1", List.copyOf(ids))).map(rows -> {
            Map<UUID, UploadJob> written = new HashMap<>();
            rows.forEach(job -> written.put(job.id, job));
            List<BulkJobService.Created> out = new ArrayList<>();
            byId.forEach((id, item) -> out.add(new BulkJobService.Created(item.index(), written.get(id))));
            return out;
        }));
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
