package dev.vidferry.worker.job;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

import dev.vidferry.model.event.EventEnvelope;
import dev.vidferry.model.event.JobProgress;
import dev.vidferry.model.event.Topics;
import dev.vidferry.model.job.JobStage;
import dev.vidferry.model.job.JobStatus;
import dev.vidferry.platform.outbox.OutboxSql;

/**
 * Writes status-change events into {@code job_outbox} inside the caller's transaction; the outbox relay publishes
 * them to {@code upload-job.progress}, so a committed status change always reaches Kafka.
 */
@ApplicationScoped
public class JobOutbox {

    private final ObjectMapper mapper;
    private final Pool pool;

    public JobOutbox(ObjectMapper mapper, Pool pool) {
        this.mapper = mapper;
        this.pool = pool;
    }

    /** Adds a progress event for {@code progress.jobId()} to the transaction of {@code tx}. */
    public Uni<Void> insert(SqlConnection tx, EventEnvelope<JobProgress> envelope) {
        return OutboxSql.insert(tx, mapper, Topics.JOB_PROGRESS, envelope);
    }

    /** The event of a claim: the job is downloading on a worker. */
    public static EventEnvelope<JobProgress> claimed(ClaimedJob job) {
        return new JobProgress(job.id(), job.ownerId(), JobStatus.DOWNLOADING, JobStage.DOWNLOADING, 0, 0,
                job.sizeBytes(), 0, "Claimed by a worker; preparing the transfer", null, null, job.attempt(), null,
                Instant.now()).envelope();
    }

    /** Whether the relay has published the event yet. */
    public Uni<Boolean> isPublished(UUID eventId) {
        return pool.preparedQuery("SELECT published_at IS NOT NULL AS published FROM job_outbox WHERE event_id = $1")
                .execute(Tuple.of(eventId))
                .map(rows -> rows.size() == 0 || rows.iterator().next().getBoolean("published"));
    }
}
