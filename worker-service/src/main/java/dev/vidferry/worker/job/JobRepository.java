package dev.vidferry.worker.job;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

import dev.vidferry.model.event.EventEnvelope;
import dev.vidferry.model.event.JobProgress;
import dev.vidferry.model.event.JobRequested;
import dev.vidferry.model.event.Topics;
import dev.vidferry.model.job.JobStateMachine;
import dev.vidferry.model.job.JobStatus;
import dev.vidferry.model.metadata.VideoMetadata;

/**
 * The worker's SQL on {@code upload_job}. The claim is one conditional update; every later write is fenced by job id,
 * lease owner, attempt and the statuses {@link JobStateMachine} allows the change from, and reports whether it still
 * held the job. Status changes write their progress event to the outbox in the same transaction. It is long because
 * every fenced transition of the worker lives here, together, until one module owns the {@code upload_job} SQL.
 */
@ApplicationScoped
public class JobRepository {

    private static final String RUNNING = "status IN ('downloading', 'uploading')";
    private static final String FENCE = " WHERE id = $1 AND lease_owner = $2 AND attempt = $3 AND ";

    private final Pool pool;
    private final JobOutbox outbox;
    private final ObjectMapper mapper;

    public JobRepository(Pool pool, JobOutbox outbox, ObjectMapper mapper) {
        this.pool = pool;
        this.outbox = outbox;
        this.mapper = mapper;
    }

    /** Shown on pending jobs whose Google account must be reconnected before they can run. */
    public static final String WAITING_FOR_RECONNECT = "waiting for Google to be reconnected";

    /** The job's Google account (its own or the owner's default) is not refused; alias {@code j}. */
    static final String ACCOUNT_USABLE = "NOT EXISTS (SELECT 1 FROM google_account a WHERE a.status <> 'connected' "
            + "AND a.id = coalesce(j.google_account_id, (SELECT d.id FROM google_account d WHERE d.owner_id = j.owner_id "
            + "ORDER BY (d.account_key = 'default') DESC, d.created_at LIMIT 1)))";
    private static final String DUE = "j.status = 'pending' AND (j.next_attempt_at IS NULL OR j.next_attempt_at <= now())";
    /** Claim columns; $1 lease owner, $2 lease in ms. */
    private static final String CLAIM_SET = "UPDATE upload_job j SET status = 'downloading', "
            + "stage = 'downloading', lease_owner = $1, lease_expires_at = now() + $2 * interval '1 millisecond', "
            + "attempt = attempt + 1, started_at = coalesce(started_at, now()), updated_at = now(), "
            + "message = 'Claimed by a worker', error_code = NULL, error_message = NULL ";
    private static final String CLAIM_RETURNING = " RETURNING id, owner_id, google_account_id, drive_file_id, "
            + "drive_file_name, drive_mime_type, drive_md5, size_bytes, metadata, attempt, max_attempts, "
            + "upload_session_uri, upload_confirmed_offset";

    /**
     * A job a worker may take: pending and due, or running under a lease that expired (its worker died or hangs) with
     * attempts left and no cancel asked (housekeeping finishes those two cases); alias {@code j}.
     */
    static final String CLAIMABLE = "((" + DUE + ") OR (j.status IN ('downloading', 'uploading') "
            + "AND j.lease_expires_at < now() AND j.attempt < j.max_attempts AND j.cancel_requested_at IS NULL)) AND "
            + ACCOUNT_USABLE;

    /**
     * The next job by the fair order, locked (rows other claimers hold are skipped): expired leases first (they were
     * already under way), then the owner with the fewest running jobs, then the oldest job (FIFO within an owner; with
     * equal counts the owner whose queue head is oldest). Taking a job makes its owner busier, so owners alternate.
     */
    static final String NEXT = "SELECT j.id FROM upload_job j LEFT JOIN (SELECT r.owner_id, count(*) AS running "
            + "FROM upload_job r WHERE r.status IN ('downloading', 'uploading') AND r.lease_expires_at >= now() "
            + "GROUP BY r.owner_id) busy ON busy.owner_id = j.owner_id WHERE " + CLAIMABLE
            + " ORDER BY (j.status <> 'pending') DESC, coalesce(busy.running, 0), j.created_at, j.id "
            + "LIMIT 1 FOR UPDATE OF j SKIP LOCKED";

    /**
     * Claims the next job by the fair order ({@link #NEXT}) for {@code leaseOwner} in one statement: downloading, a
     * lease of {@code lease}, attempt + 1 (a job taken over from an expired lease keeps its upload session and
     * confirmed offset, so the new attempt resumes it), and writes the event {@code event} makes of it in the same
     * transaction. Empty when nothing is claimable.
     */
    public Uni<Optional<ClaimedJob>> claimNext(String leaseOwner, Duration lease,
            Function<ClaimedJob, EventEnvelope<JobProgress>> event) {
        return claimWhere("j.id = (" + NEXT + ")", Tuple.of(leaseOwner, lease.toMillis()), leaseOwner, event)
                .map(jobs -> jobs.stream().findFirst());
    }

    private Uni<List<ClaimedJob>> claimWhere(String where, Tuple params, String leaseOwner,
            Function<ClaimedJob, EventEnvelope<JobProgress>> event) {
        return pool.withTransaction(tx -> tx.preparedQuery(CLAIM_SET + "WHERE " + where + CLAIM_RETURNING)
                .execute(params)
                .flatMap(rows -> {
                    List<ClaimedJob> jobs = new ArrayList<>();
                    rows.forEach(row -> jobs.add(toJob(row, leaseOwner)));
                    Uni<Void> events = Uni.createFrom().voidItem();
                    for (ClaimedJob job : jobs) {
                        events = events.chain(() -> outbox.insert(tx, event.apply(job)));
                    }
                    return events.replaceWith(jobs);
                }));
    }

    /**
     * Notes on the owner's pending jobs whose Google account must be reconnected that they wait for it (they are not
     * claimed meanwhile, so they burn no attempts). Returns how many jobs wait.
     */
    public Uni<Integer> markWaitingForReconnect(String ownerId) {
        return pool.preparedQuery("UPDATE upload_job j SET message = $2, updated_at = now() WHERE j.owner_id = $1 "
                + "AND j.status = 'pending' AND NOT " + ACCOUNT_USABLE + " AND j.message IS DISTINCT FROM $2")
                .execute(Tuple.of(ownerId, WAITING_FOR_RECONNECT))
                .map(RowSet::rowCount);
    }

    /** Extends the lease; false when the job is no longer ours. */
    public Uni<Lease> heartbeat(Fence fence, Duration lease) {
        return checked("lease_expires_at = now() + $4 * interval '1 millisecond'", fence, RUNNING, lease.toMillis());
    }

    // ---- Outcome and source writes of a running transfer (issue #9: revision, warnings). ----

    /** The Drive revision recorded by an earlier attempt of the job, empty when none was. */
    public Uni<Optional<DriveRevision>> recordedRevision(Fence fence) {
        return pool.preparedQuery("SELECT total_bytes, drive_md5, drive_revision_id, drive_modified_time FROM upload_job "
                + "WHERE id = $1 AND drive_revision_at IS NOT NULL")
                .execute(Tuple.of(fence.jobId()))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return Optional.<DriveRevision>empty();
                    }
                    Row row = rows.iterator().next();
                    return Optional.of(new DriveRevision(row.getLong("total_bytes"), row.getString("drive_md5"),
                            row.getString("drive_revision_id"), row.getOffsetDateTime("drive_modified_time") == null
                                    ? null
                                    : row.getOffsetDateTime("drive_modified_time").toInstant()));
                });
    }

    /** Records the Drive revision the upload streams (size, md5, head revision, modification time). */
    public Uni<Boolean> recordRevision(Fence fence, DriveRevision revision) {
        return fenced(pool, "total_bytes = $4, drive_md5 = coalesce($5, drive_md5), drive_revision_id = $6, "
                + "drive_modified_time = $7, drive_revision_at = now()", fence, RUNNING, revision.size(),
                revision.md5(), revision.revisionId(),
                revision.modifiedTime() == null ? null : revision.modifiedTime().atOffset(ZoneOffset.UTC));
    }

    /** Adds a warning to the job (shown in its view); the job goes on. */
    public Uni<Boolean> addWarning(Fence fence, String warning) {
        return fenced(pool, "warning = CASE WHEN warning IS NULL THEN $4 WHEN position($4 in warning) > 0 THEN warning "
                + "ELSE warning || '; ' || $4 END", fence, RUNNING, warning);
    }

    /** downloading -> uploading with the session URI (saved before the first chunk) and its confirmed offset. */
    public Uni<Boolean> startUpload(Fence fence, String sessionUri, long confirmedOffset, boolean newSession,
            EventEnvelope<JobProgress> event) {
        return transition(fence, JobStatus.UPLOADING, "stage = 'uploading', upload_session_uri = $4, "
                + "upload_confirmed_offset = $5, message = $6, upload_session_started_at = CASE WHEN $7 THEN now() "
                + "ELSE coalesce(upload_session_started_at, now()) END", event,
                sessionUri, confirmedOffset, event.data().message(), newSession);
    }

    /** Forgets an expired upload session (404/410 on status query). */
    public Uni<Boolean> forgetSession(Fence fence) {
        return fenced(pool, "upload_session_uri = NULL, upload_confirmed_offset = 0, upload_session_started_at = NULL",
                fence, RUNNING);
    }

    /** Saves the offset YouTube confirmed (after every chunk). */
    public Uni<Lease> saveOffset(Fence fence, long confirmedOffset) {
        return checked("upload_confirmed_offset = $4", fence, RUNNING, confirmedOffset);
    }

    /** Saves the progress columns (throttled by the caller). */
    public Uni<Lease> saveProgress(Fence fence, JobProgress progress) {
        return checked("progress = $4, bytes_transferred = $5, stage = $6, message = $7", fence, RUNNING,
                (short) progress.progress(), progress.bytesTransferred(), progress.stage().wireName(),
                progress.message());
    }

    /** Result of a successful upload, for the history row. */
    public record Upload(String videoId, String videoUrl, String title, String channelId, UUID googleAccountId,
            String driveFileId, String driveFileName, String md5, long sizeBytes) {
    }

    /**
     * Finishes the job as completed. With {@code upload} (a new video) an upload history row is written in the same
     * transaction (idempotent per job); without (a duplicate) only the job changes.
     */
    public Uni<Boolean> complete(Fence fence, String ownerId, String videoId, String videoUrl, Upload upload,
            EventEnvelope<JobProgress> event) {
        return pool.withTransaction(tx -> update(tx, JobStatus.COMPLETED, "stage = 'finished', progress = 100, "
                + "bytes_transferred = $4, video_id = $5, video_url = $6, message = $7, completed_at = now(), "
                + "lease_expires_at = NULL, next_attempt_at = NULL, error_code = NULL, error_message = NULL, "
                + "upload_session_uri = NULL", fence, event.data().bytesTransferred(), videoId, videoUrl,
                event.data().message())
                .flatMap(done -> {
                    if (!done) {
                        return Uni.createFrom().item(false);
                    }
                    Uni<Void> history = upload == null
                            ? Uni.createFrom().voidItem()
                            : tx.preparedQuery("INSERT INTO upload_history (id, owner_id, google_account_id, channel_id, "
                                    + "job_id, drive_file_id, drive_file_name, drive_md5, size_bytes, video_id, video_url, "
                                    + "title) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) "
                                    + "ON CONFLICT (job_id) WHERE job_id IS NOT NULL DO NOTHING")
                                    .execute(Tuple.from(Arrays.asList(UUID.randomUUID(), ownerId,
                                            upload.googleAccountId(), upload.channelId(), fence.jobId(),
                                            upload.driveFileId(), upload.driveFileName(), upload.md5(),
                                            upload.sizeBytes(), upload.videoId(), upload.videoUrl(), upload.title())))
                                    .replaceWithVoid();
                    return history.flatMap(v -> outbox.insert(tx, event)).replaceWith(true);
                }));
    }

    /** Finishes the job as failed. */
    public Uni<Boolean> fail(Fence fence, String errorCode, String errorMessage, EventEnvelope<JobProgress> event) {
        return transition(fence, JobStatus.FAILED, "error_code = $4, error_message = $5, message = $6, "
                + "completed_at = now(), lease_expires_at = NULL, next_attempt_at = NULL, upload_session_uri = NULL",
                event, errorCode, errorMessage, event.data().message());
    }

    /** Hands the job back (pending, lease cleared) to be claimed again at {@code nextAttemptAt}; keeps the session. */
    public Uni<Boolean> release(Fence fence, Instant nextAttemptAt, String errorCode, String errorMessage,
            EventEnvelope<JobProgress> event) {
        return transition(fence, JobStatus.PENDING, "stage = 'queued', lease_owner = NULL, lease_expires_at = NULL, "
                + "next_attempt_at = $4, error_code = $5, error_message = $6, message = $7", event,
                nextAttemptAt.atOffset(ZoneOffset.UTC), errorCode, errorMessage, event.data().message());
    }

    /**
     * Hands the job back for another worker to take right away (shutdown): pending, lease cleared, session kept, and a
     * new {@code upload-job.requested} record through the outbox in the same transaction.
     */
    public Uni<Boolean> handBack(Fence fence, EventEnvelope<JobProgress> event, EventEnvelope<JobRequested> request) {
        return pool.withTransaction(tx -> update(tx, JobStatus.PENDING, "stage = 'queued', lease_owner = NULL, "
                + "lease_expires_at = NULL, next_attempt_at = NULL, message = $4", fence, event.data().message())
                .flatMap(done -> done
                        ? outbox.insert(tx, event)
                                .chain(() -> outbox.insert(tx, Topics.JOB_REQUESTED, request))
                                .replaceWith(true)
                        : Uni.createFrom().item(false)));
    }

    /**
     * Parks the job until {@code nextAttemptAt} (quota, channel upload cap). A deferral spends no attempt: the claim's
     * {@code attempt + 1} is taken back, so waiting for quota never runs a job out of {@code max_attempts}.
     */
    public Uni<Boolean> defer(Fence fence, Instant nextAttemptAt, String errorCode, String reason,
            EventEnvelope<JobProgress> event) {
        return transition(fence, JobStatus.DEFERRED, "stage = 'queued', lease_owner = NULL, lease_expires_at = NULL, "
                + "attempt = attempt - 1, "
                + "next_attempt_at = $4, error_code = $5, deferred_reason = $6, message = $6", event,
                nextAttemptAt.atOffset(ZoneOffset.UTC), errorCode, reason);
    }

    private Uni<Boolean> transition(Fence fence, JobStatus to, String set, EventEnvelope<JobProgress> event,
            Object... params) {
        return pool.withTransaction(tx -> update(tx, to, set, fence, params)
                .flatMap(done -> done ? outbox.insert(tx, event).replaceWith(true) : Uni.createFrom().item(false)));
    }

    private Uni<Boolean> update(SqlClient client, JobStatus to, String set, Fence fence, Object... params) {
        return fenced(client, "status = '" + to.wireName() + "', " + set, fence, guard(to), params);
    }

    /** The SQL form of "from a running state this worker may move to {@code to}". */
    static String guard(JobStatus to) {
        Set<JobStatus> sources = JobStateMachine.sourcesOf(to);
        String list = sources.stream().filter(JobStatus::isRunning).map(s -> "'" + s.wireName() + "'").sorted()
                .reduce((a, b) -> a + ", " + b)
                .orElseThrow(() -> new IllegalStateException("a worker never moves a running job to " + to));
        return "status IN (" + list + ")";
    }

    /** Marks the job cancelled (the user asked for it while it ran). */
    public Uni<Boolean> cancel(Fence fence, EventEnvelope<JobProgress> event) {
        return transition(fence, JobStatus.CANCELLED, "stage = 'finished', message = $4, completed_at = now(), "
                + "lease_expires_at = NULL, next_attempt_at = NULL, upload_session_uri = NULL", event,
                event.data().message());
    }

    /** A fenced write that also reports whether the user asked to cancel the job. */
    private Uni<Lease> checked(String set, Fence fence, String statusGuard, Object... params) {
        Tuple tuple = Tuple.of(fence.jobId(), fence.leaseOwner(), fence.attempt());
        for (Object param : params) {
            tuple.addValue(param);
        }
        return pool.preparedQuery("UPDATE upload_job SET " + set + ", updated_at = now()" + FENCE + statusGuard
                + " RETURNING cancel_requested_at IS NOT NULL AS cancel")
                .execute(tuple)
                .map(rows -> rows.size() == 0
                        ? Lease.LOST
                        : rows.iterator().next().getBoolean("cancel") ? Lease.CANCEL_REQUESTED : Lease.HELD);
    }

    private Uni<Boolean> fenced(SqlClient client, String set, Fence fence, String statusGuard, Object... params) {
        Tuple tuple = Tuple.of(fence.jobId(), fence.leaseOwner(), fence.attempt());
        for (Object param : params) {
            tuple.addValue(param);
        }
        return client.preparedQuery("UPDATE upload_job SET " + set + ", updated_at = now()" + FENCE + statusGuard)
                .execute(tuple)
                .map(RowSet::rowCount)
                .map(count -> count > 0);
    }

    private ClaimedJob toJob(Row row, String leaseOwner) {
        VideoMetadata metadata;
        try {
            metadata = mapper.readValue(row.getJsonObject("metadata").encode(), VideoMetadata.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("job " + row.getUUID("id") + " has unreadable metadata", e);
        }
        return new ClaimedJob(new Fence(row.getUUID("id"), leaseOwner, row.getInteger("attempt")),
                row.getString("owner_id"), row.getUUID("google_account_id"), row.getString("drive_file_id"),
                row.getString("drive_file_name"), row.getString("drive_mime_type"), row.getString("drive_md5"),
                row.getLong("size_bytes"), metadata, row.getInteger("max_attempts"),
                row.getString("upload_session_uri"), row.getLong("upload_confirmed_offset"));
    }
}
