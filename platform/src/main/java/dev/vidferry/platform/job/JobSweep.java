package dev.vidferry.platform.job;

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
 * The bulk moves of jobs nobody holds, run by housekeeping through {@link JobSweeps}. Each is one
 * {@code UPDATE ... RETURNING} of at most a batch of jobs ({@code $1}) that it locks with {@code FOR UPDATE SKIP LOCKED};
 * the aged ones take an age in milliseconds as {@code $2}. Each declares the statuses its SQL moves jobs from and to,
 * checked against {@link JobStateMachine} when the class loads (and again for every row moved).
 */
public enum JobSweep {

    /** A worker's lease expired while the user had asked to cancel the job: cancelled, as the worker would have. */
    CANCEL_ORPHANED(EnumSet.of(DOWNLOADING, UPLOADING), CANCELLED, false,
            "status = 'cancelled', stage = 'finished', lease_owner = NULL, lease_expires_at = NULL, "
                    + "next_attempt_at = NULL, message = 'Cancelled by the user', completed_at = now(), "
                    + "upload_session_uri = NULL, updated_at = now()",
            "j.status IN ('downloading', 'uploading') AND j.lease_expires_at < now() "
                    + "AND j.cancel_requested_at IS NOT NULL",
            "j.lease_expires_at"),

    /** A worker's lease expired and the job has no attempts left: failed with RETRIES_EXHAUSTED. */
    RETRIES_EXHAUSTED(EnumSet.of(DOWNLOADING, UPLOADING), FAILED, false,
            "status = 'failed', lease_owner = NULL, lease_expires_at = NULL, next_attempt_at = NULL, "
                    + "error_code = 'RETRIES_EXHAUSTED', "
                    + "error_message = 'The worker running this job was lost and no attempts are left', "
                    + "message = 'Worker lost; no attempts left', completed_at = now(), upload_session_uri = NULL, "
                    + "updated_at = now()",
            "j.status IN ('downloading', 'uploading') AND j.lease_expires_at < now() AND j.attempt >= j.max_attempts",
            "j.lease_expires_at"),

    /**
     * A worker's lease expired more than the age ago and no worker took the job over: pending again, lease cleared;
     * attempt, session URI and confirmed offset stay so the next worker resumes the session.
     */
    LEASE_EXPIRED(EnumSet.of(DOWNLOADING, UPLOADING), PENDING, true,
            "status = 'pending', stage = 'queued', lease_owner = NULL, lease_expires_at = NULL, "
                    + "next_attempt_at = NULL, message = 'worker lost; re-queued', updated_at = now()",
            "j.status IN ('downloading', 'uploading') AND j.lease_expires_at < now() - $2 * interval '1 millisecond' "
                    + "AND j.attempt < j.max_attempts",
            "j.lease_expires_at"),

    /** A deferred job (quota, channel upload cap) whose time has come: pending. */
    DEFERRED_DUE(EnumSet.of(DEFERRED), PENDING, false,
            "status = 'pending', stage = 'queued', next_attempt_at = NULL, deferred_reason = NULL, "
                    + "error_code = NULL, error_message = NULL, message = 'Resumed after waiting', updated_at = now()",
            "j.status = 'deferred' AND j.next_attempt_at <= now()",
            "j.next_attempt_at"),

    /**
     * A pending job a worker handed back with a back-off ({@code next_attempt_at}) that has elapsed; clearing
     * {@code next_attempt_at} marks it dispatched so the next pass does not take it again.
     */
    BACKOFF_ELAPSED(EnumSet.of(PENDING), PENDING, false,
            "next_attempt_at = NULL, updated_at = now()",
            "j.status = 'pending' AND j.next_attempt_at <= now()",
            "j.next_attempt_at"),

    /**
     * A pending job nobody claimed (or re-dispatched: {@code updated_at}) for longer than the age whose last request is
     * not still waiting in the outbox; touching {@code updated_at} starts its wait again.
     */
    STALE_PENDING(EnumSet.of(PENDING), PENDING, true,
            "updated_at = now()",
            "j.status = 'pending' AND j.next_attempt_at IS NULL "
                    + "AND j.updated_at < now() - $2 * interval '1 millisecond' "
                    + "AND NOT EXISTS (SELECT 1 FROM job_outbox o WHERE o.aggregate_id = j.id "
                    + "AND o.published_at IS NULL AND o.topic = 'upload-job.requested')",
            "j.updated_at");

    private final Set<JobStatus> from;
    private final JobStatus to;
    private final boolean aged;
    final String sql;

    JobSweep(Set<JobStatus> from, JobStatus to, boolean aged, String set, String where, String order) {
        this.from = from;
        this.to = to;
        this.aged = aged;
        this.sql = "WITH due AS (SELECT j.id, j.status AS old_status FROM upload_job j WHERE " + where
                + " ORDER BY " + order + " LIMIT $1 FOR UPDATE SKIP LOCKED)"
                + " UPDATE upload_job j SET " + set + " FROM due WHERE j.id = due.id" + JobTable.SWEEP_RETURNING;
        for (JobStatus source : from) {
            if (source != to) {
                JobStateMachine.requireTransition(source, to);
            }
        }
    }

    /** The statuses the sweep takes jobs from. */
    public Set<JobStatus> from() {
        return from;
    }

    /** The status it leaves them in. */
    public JobStatus to() {
        return to;
    }

    /** Whether it takes an age ({@code $2}): only jobs older than that are moved. */
    public boolean aged() {
        return aged;
    }

    /** Whether the sweep changes the status (then the caller also announces the change). */
    public boolean changesStatus() {
        return !from.contains(to);
    }
}
