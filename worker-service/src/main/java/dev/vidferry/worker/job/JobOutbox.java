package dev.vidferry.worker.job;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

import dev.vidferry.model.event.EventEnvelope;
import dev.vidferry.model.event.JobProgress;
import dev.vidferry.model.event.Topics;
import dev.vidferry.model.job.JobStage;
import dev.vidferry.model.job.JobStatus;
import dev.vidferry.platform.outbox.OutboxWriter;

/**
 * Writes status-change events into {@code job_outbox} inside the caller's transaction; the outbox relay publishes
 * them to {@code upload-job.progress}, so a committed status change always reaches Kafka.
 */
@ApplicationScoped
public class JobOutbox {

    private final OutboxWriter writer;
    private final Pool pool;

    public JobOutbox(OutboxWriter writer, Pool pool) {
        this.writer = writer;
        this.pool = pool;
    }

    /** Adds a progress event for {@code progress.jobId()} to the transaction of {@code tx}. */
    public Uni<Void> insert(SqlConnection tx, EventEnvelope<JobProgress> envelope) {
        return writer.add(tx, Topics.JOB_PROGRESS, envelope);
    }

    /** Adds {@code envelope} for {@code topic} to the transaction of {@code tx}. */
    public Uni<Void> insert(SqlConnection tx, String topic, EventEnvelope<?> envelope) {
        return writer.add(tx, topic, envelope);
    }

    /** The event of a claim: the job is downloading on a worker. */
    public static EventEnvelope<JobProgress> claimed(ClaimedJob job) {
        return JobProgress.statusChanged(new JobProgress.JobRef(job.id(), job.ownerId(), job.attempt()),
                JobStatus.DOWNLOADING, JobStage.DOWNLOADING, JobProgress.Bytes.none(job.sizeBytes()),
                "Claimed by a worker; preparing the transfer", JobProgress.Outcome.NONE, Instant.now()).envelope();
    }

    /** Whether the relay has published the event yet. */
    public Uni<Boolean> isPublished(UUID eventId) {
        return pool.preparedQuery("SELECT published_at IS NOT NULL AS published FROM job_outbox WHERE event_id = $1")
                .execute(Tuple.of(eventId))
                .map(rows -> rows.size() == 0 || rows.iterator().next().getBoolean("published"));
    }
}
