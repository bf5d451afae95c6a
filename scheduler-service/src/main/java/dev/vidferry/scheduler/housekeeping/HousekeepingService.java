package dev.vidferry.scheduler.housekeeping;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

import dev.vidferry.model.event.EventEnvelope;
import dev.vidferry.model.event.JobProgress;
import dev.vidferry.model.event.JobRequested;
import dev.vidferry.model.event.Topics;
import dev.vidferry.model.job.ErrorCode;
import dev.vidferry.model.job.JobStage;
import dev.vidferry.model.job.JobStateMachine;
import dev.vidferry.model.job.JobStatus;
import dev.vidferry.model.metadata.VideoMetadata;
import dev.vidferry.platform.outbox.OutboxRow;
import dev.vidferry.platform.outbox.OutboxWriter;

/**
 * One housekeeping pass: the {@link HousekeepingRule}s in order, in one transaction, only while holding a
 * transaction-scoped advisory lock, so passes of several scheduler replicas (or overlapping calls) never both move
 * the same jobs. Every status change writes its {@code upload-job.progress} event, every dispatch its
 * {@code upload-job.requested} event, to the outbox in that transaction; the platform relay publishes them.
 */
@ApplicationScoped
public class HousekeepingService {

    /** Advisory lock key of housekeeping ("vfhousek"). */
    static final long LOCK_KEY = 0x7666_686f_7573_656bL;
    static final String TRY_LOCK = "SELECT pg_try_advisory_xact_lock($1) AS locked";

    private final Pool pool;
    private final ObjectMapper mapper;
    private final OutboxWriter outbox;
    private final HousekeepingConfig config;
    private final Map<HousekeepingRule, Counter> moved = new EnumMap<>(HousekeepingRule.class);
    private final Counter passes;
    private final Counter skipped;

    HousekeepingService(Pool pool, ObjectMapper mapper, OutboxWriter outbox, HousekeepingConfig config,
            MeterRegistry registry) {
        this.pool = pool;
        this.mapper = mapper;
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
        return tx.preparedQuery(rule.sql).execute(rule.params(config)).chain(rows -> {
            List<OutboxRow> events = new ArrayList<>();
            for (Row row : rows) {
                JobStatus before = JobStatus.fromWire(row.getString("old_status"));
                JobStatus after = JobStatus.fromWire(row.getString("status"));
                if (before != after) {
                    JobStateMachine.requireTransition(before, after);
                    events.add(outbox.row(Topics.JOB_PROGRESS, progress(row, after)));
                }
                if (rule.dispatchReason != null) {
                    events.add(outbox.row(Topics.JOB_REQUESTED, requested(row, rule.dispatchReason)));
                }
            }
            int count = rows.rowCount();
            return outbox.addAll(tx, events).replaceWith(count);
        });
    }

    private EventEnvelope<JobRequested> requested(Row row, String reason) {
        UUID id = row.getUUID("id");
        JobRequested.DriveFile file = new JobRequested.DriveFile(row.getString("drive_file_id"),
                row.getString("drive_file_name"), row.getString("drive_mime_type"), row.getLong("size_bytes"),
                row.getString("drive_md5"));
        JobRequested payload = JobRequested.dispatch(id, row.getString("owner_id"), file,
                metadata(row.getString("metadata")), row.getInteger("attempt"), reason);
        return payload.envelope(updatedAt(row));
    }

    private static EventEnvelope<JobProgress> progress(Row row, JobStatus status) {
        UUID id = row.getUUID("id");
        Instant at = updatedAt(row);
        String errorCode = row.getString("error_code");
        OffsetDateTime next = row.getOffsetDateTime("next_attempt_at");
        JobProgress payload = JobProgress.statusChanged(
                new JobProgress.JobRef(id, row.getString("owner_id"), row.getInteger("attempt")), status,
                status.isFinished() ? JobStage.FINISHED : JobStage.QUEUED,
                new JobProgress.Bytes(row.getShort("progress"), row.getLong("bytes_transferred"),
                        row.getLong("size_bytes")),
                row.getString("message"), new JobProgress.Outcome(row.getString("video_id"),
                        errorCode == null ? null : ErrorCode.valueOf(errorCode), next == null ? null : next.toInstant()),
                at);
        return payload.envelope();
    }

    private VideoMetadata metadata(String json) {
        try {
            return mapper.readValue(json, VideoMetadata.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable job metadata", e);
        }
    }

    private static Instant updatedAt(Row row) {
        return row.getOffsetDateTime("updated_at").toInstant();
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
