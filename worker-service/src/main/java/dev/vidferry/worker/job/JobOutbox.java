package dev.vidferry.worker.job;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

import dev.vidferry.model.event.EventEnvelope;
import dev.vidferry.model.event.JobProgress;
import dev.vidferry.model.job.JobStage;
import dev.vidferry.model.job.JobStatus;
import dev.vidferry.platform.job.ClaimedJob;
import dev.vidferry.platform.outbox.OutboxWriter;

/**
 * The worker's view of {@code job_outbox}: the event of a claim, and whether the relay has published an event yet.
 * The rows themselves are written by the platform job SQL ({@code dev.vidferry.platform.job}) in the transaction of
 * the change they announce.
 */
@ApplicationScoped
public class JobOutbox {

    private final OutboxWriter writer;
    private final Pool pool;

    public JobOutbox(OutboxWriter writer, Pool pool) {
        this.writer = writer;
        this.pool = pool;
    }

    /** The platform writer, for the job SQL of {@link JobRepository} (a method: this bean is reached by proxy). */
    OutboxWriter writer() {
        return writer;
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
