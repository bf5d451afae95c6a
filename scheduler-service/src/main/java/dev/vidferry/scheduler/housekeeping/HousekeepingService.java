package dev.vidferry.scheduler.housekeeping;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

import dev.vidferry.model.event.EventEnvelope;
import dev.vidferry.model.event.JobProgress;
import dev.vidferry.model.event.JobRequested;
import dev.vidferry.model.event.Topics;
import dev.vidferry.model.job.JobStage;
import dev.vidferry.model.job.JobStatus;
import dev.vidferry.platform.job.JobSweeps;
import dev.vidferry.platform.job.SweptJob;
import dev.vidferry.platform.outbox.OutboxRow;
import dev.vidferry.platform.outbox.OutboxWriter;

/**
 * One housekeeping pass: the {@link HousekeepingRule}s in order (each a platform {@link JobSweeps sweep}), in one
 * transaction, only while holding a transaction-scoped advisory lock, so passes of several scheduler replicas (or
 * overlapping calls) never both move the same jobs. Every status change writes its {@code upload-job.progress} event, every dispatch its
 * {@code upload-job.requested} event, to the outbox in that transaction; the platform relay publishes them.
 */
@ApplicationScoped
public class HousekeepingService {

    /** Advisory lock key of housekeeping ("vfhousek"). */
    static final long LOCK_KEY = 0x7666_686f_7573_656bL;
    static final String TRY_LOCK = "SELECT pg_try_advisory_xact_lock($1) AS locked";

    private final Pool pool;
    private final JobSweeps sweeps;
    private final OutboxWriter outbox;
    private final HousekeepingConfig config;
    private final Map<HousekeepingRule, Counter> moved = new EnumMap<>(HousekeepingRule.class);
    private final Counter passes;
    private final Counter skipped;

    HousekeepingService(Pool pool, JobSweeps sweeps, OutboxWriter outbox, HousekeepingConfig config,
            MeterRegistry registry) {
        this.pool = pool;
        this.sweeps = sweeps;
        this.outbox = outbox;
        this.config = config;
        for (HousekeepingRule rule : HousekeepingRule.values()) {
            moved.put(rule, Counter.builder("vidferry.housekeeping.jobs").tag("rule", rule.tag())
                    .description("Jobs moved or re-dispatched by housekeeping").register(registry));
        }
        passes = Counter.builder("vidferry.housekeeping.passes").tag("outcome", "ran")
                .description("Housekeeping passes").register(registry);
        skipped = Counter.builder("vidferry.housekeeping.passes").tag("outcome", "skipped")
                .description("Housekeeping passes").register(registry);
    }

    /** Runs one pass now (the scheduler calls it every {@code interval}); counters move after the commit. */
    public Uni<PassResult> runPass() {
        return pool.withTransaction(tx -> tx.preparedQuery(TRY_LOCK).execute(Tuple.of(LOCK_KEY)).chain(rows -> {
            if (!rows.iterator().next().getBoolean("locked")) {
                return Uni.createFrom().item(PassResult.skipped());
            }
            Map<HousekeepingRule, Integer> jobs = new EnumMap<>(HousekeepingRule.class);
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (HousekeepingRule rule : HousekeepingRule.values()) {
                chain = chain.chain(() -> apply(tx, rule).invoke(count -> jobs.put(rule, count))).replaceWithVoid();
            }
            return chain.map(v -> new PassResult(true, jobs));
        })).invoke(this::count);
    }

    private Uni<Integer> apply(SqlConnection tx, HousekeepingRule rule) {
        return sweeps.run(tx, rule.sweep, config.batchSize(), rule.age(config), job -> {
            List<OutboxRow> events = new ArrayList<>(2);
            if (job.statusChanged()) {
                events.add(outbox.row(Topics.JOB_PROGRESS, progress(job)));
            }
            if (rule.dispatchReason != null) {
                events.add(outbox.row(Topics.JOB_REQUESTED, requested(job, rule.dispatchReason)));
            }
            return events;
        });
    }

    private static EventEnvelope<JobRequested> requested(SweptJob job, String reason) {
        JobRequested payload = JobRequested.dispatch(job.job().jobId(), job.job().ownerId(), job.file(),
                job.metadata(), job.job().attempt(), reason);
        return payload.envelope(job.updatedAt());
    }

    private static EventEnvelope<JobProgress> progress(SweptJob job) {
        JobStatus status = job.after();
        return JobProgress.statusChanged(job.job(), status, status.isFinished() ? JobStage.FINISHED : JobStage.QUEUED,
                job.bytes(), job.message(), job.outcome(), job.updatedAt()).envelope();
    }

    private void count(PassResult result) {
        if (!result.ran()) {
            skipped.increment();
            return;
        }
        passes.increment();
        result.jobs().forEach((rule, jobs) -> moved.get(rule).increment(jobs));
    }
}
