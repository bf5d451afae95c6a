package dev.vidferry.scheduler.housekeeping;

import static dev.vidferry.model.job.JobStatus.CANCELLED;
import static dev.vidferry.model.job.JobStatus.DEFERRED;
import static dev.vidferry.model.job.JobStatus.DOWNLOADING;
import static dev.vidferry.model.job.JobStatus.FAILED;
import static dev.vidferry.model.job.JobStatus.PENDING;
import static dev.vidferry.model.job.JobStatus.UPLOADING;

import java.util.EnumSet;
import java.util.Set;

import dev.vidferry.model.job.JobStateMachine;
import dev.vidferry.model.job.JobStatus;

/**
 * What one housekeeping pass does, in this order. Each rule is one {@code UPDATE ... RETURNING} of at most
 * {@code batch-size} jobs ({@code $1}) that it locks with {@code FOR UPDATE SKIP LOCKED}; every returned row becomes
 * outbox rows in the same transaction. The rules that change a status declare it here and are checked against
 * {@link JobStateMachine} when the class loads and again for every row.
 */
enum HousekeepingRule {

    /** A worker's lease expired while the user had asked to cancel the job: cancelled, as the worker would have. */
    CANCEL_ORPHANED(EnumSet.of(DOWNLOADING, UPLOADING), CANCELLED, null,
            "status = 'cancelled', stage = 'finished', lease_owner = NULL, lease_expires_at = NULL, "
                    + "next_attempt_at = NULL, message = 'Cancelled by the user', completed_at = now(), "
                    + "updated_at = now()",
            "j.status IN ('downloading', 'uploading') AND j.lease_expires_at < now() "
                    + "AND j.cancel_requested_at IS NOT NULL",
            "j.lease_expires_at"),

    /** A worker's lease expired and the job has no attempts left: failed with RETRIES_EXHAUSTED. */
    RETRIES_EXHAUSTED(EnumSet.of(DOWNLOADING, UPLOADING), FAILED, null,
            "status = 'failed', lease_owner = NULL, lease_expires_at = NULL, next_attempt_at = NULL, "
                    + "error_code = 'RETRIES_EXHAUSTED', "
                    + "error_message = 'The worker running this job was lost and no attempts are left', "
                    + "message = 'Worker lost; no attempts left', completed_at = now(), updated_at = now()",
            "j.status IN ('downloading', 'uploading') AND j.lease_expires_at < now() AND j.attempt >= j.max_attempts",
            "j.lease_expires_at"),

    /**
     * Backstop: a worker's lease expired more than {@code lease-grace} ({@code $2}, milliseconds) ago and no worker
     * took the job over (workers claim expired leases themselves, at once, whenever they have a free slot): pending
     * again, lease cleared; attempt, session URI and confirmed offset stay so the next worker resumes the session.
     */
    LEASE_EXPIRED(EnumSet.of(DOWNLOADING, UPLOADING), PENDING, "redispatch",
            "status = 'pending', stage = 'queued', lease_owner = NULL, lease_expires_at = NULL, "
                    + "next_attempt_at = NULL, message = 'worker lost; re-queued', updated_at = now()",
            "j.status IN ('downloading', 'uploading') AND j.lease_expires_at < now() - $2 * interval '1 millisecond' "
                    + "AND j.attempt < j.max_attempts",
            "j.lease_expires_at"),

    /** A deferred job (quota, channel upload cap) whose time has come: pending and dispatched. */
    DEFERRED_DUE(EnumSet.of(DEFERRED), PENDING, "resume",
            "status = 'pending', stage = 'queued', next_attempt_at = NULL, deferred_reason = NULL, "
                    + "error_code = NULL, error_message = NULL, message = 'Resumed after waiting', updated_at = now()",
            "j.status = 'deferred' AND j.next_attempt_at <= now()",
            "j.next_attempt_at"),

    /**
     * A pending job a worker handed back with a back-off ({@code next_attempt_at}) that has elapsed: dispatched
     * again; clearing {@code next_attempt_at} marks it dispatched so the next pass does not send it again.
     */
    BACKOFF_ELAPSED(EnumSet.of(PENDING), PENDING, "retry",
            "next_attempt_at = NULL, updated_at = now()",
            "j.status = 'pending' AND j.next_attempt_at <= now()",
            "j.next_attempt_at"),

    /**
     * Safety net for lost dispatches: a pending job nobody claimed (or re-dispatched: {@code updated_at}) for
     * {@code redispatch-after} ({@code $2}, milliseconds) whose last request is not still waiting in the outbox.
     */
    STALE_PENDING(EnumSet.of(PENDING), PENDING, "redispatch",
            "updated_at = now()",
            "j.status = 'pending' AND j.next_attempt_at IS NULL "
                    + "AND j.updated_at < now() - $2 * interval '1 millisecond' "
                    + "AND NOT EXISTS (SELECT 1 FROM job_outbox o WHERE o.aggregate_id = j.id "
                    + "AND o.published_at IS NULL AND o.topic = 'upload-job.requested')",
            "j.updated_at");

    /** Columns every rule returns: what the JobRequested and JobProgress events need. */
    static final String RETURNING = " RETURNING due.old_status, j.id, j.owner_id, j.drive_file_id, j.drive_file_name,"
            + " j.drive_mime_type, j.size_bytes, j.drive_md5, j.metadata::text AS metadata, j.attempt, j.status,"
            + " j.progress, j.bytes_transferred, j.message, j.video_id, j.error_code, j.next_attempt_at, j.updated_at";

    final Set<JobStatus> from;
    final JobStatus to;
    /** The {@code reason} of the JobRequested it emits, or null when the job is not dispatched. */
    final String dispatchReason;
    final String sql;

    HousekeepingRule(Set<JobStatus> from, JobStatus to, String dispatchReason, String set, String where,
            String order) {
        this.from = from;
        this.to = to;
        this.dispatchReason = dispatchReason;
        this.sql = "WITH due AS (SELECT j.id, j.status AS old_status FROM upload_job j WHERE " + where
                + " ORDER BY " + order + " LIMIT $1 FOR UPDATE SKIP LOCKED)"
                + " UPDATE upload_job j SET " + set + " FROM due WHERE j.id = due.id" + RETURNING;
        for (JobStatus source : from) {
            if (source != to) {
                JobStateMachine.requireTransition(source, to);
            }
        }
    }

    /**
     * The parameters of {@link #sql}: the batch size, and the age in milliseconds for {@link #STALE_PENDING}
     * ({@code redispatch-after}) and {@link #LEASE_EXPIRED} ({@code lease-grace}).
     */
    io.vertx.mutiny.sqlclient.Tuple params(HousekeepingConfig config) {
        return switch (this) {
            case STALE_PENDING -> io.vertx.mutiny.sqlclient.Tuple.of(config.batchSize(),
                    config.redispatchAfter().toMillis());
            case LEASE_EXPIRED -> io.vertx.mutiny.sqlclient.Tuple.of(config.batchSize(), config.leaseGrace().toMillis());
            default -> io.vertx.mutiny.sqlclient.Tuple.of(config.batchSize());
        };
    }

    /** The metric tag of the rule, e.g. {@code lease_expired}. */
    String tag() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Whether the rule changes the status (then it also emits a progress event). */
    boolean changesStatus() {
        return !from.contains(to);
    }
}
