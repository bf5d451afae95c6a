package dev.vidferry.platform.job;

import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import dev.vidferry.model.event.JobRequested;
import dev.vidferry.model.job.JobStateMachine;
import dev.vidferry.model.job.JobStatus;

/**
 * The user's commands on a job (the api's writes): create, cancel, retry, delete, clear. The caller holds the job's
 * row lock ({@code SELECT ... FOR UPDATE}) and passes the status it saw; each factory checks the change against
 * {@link JobStateMachine} and the statement repeats the status as a guard, so it changes no row if the job moved on.
 * Timestamps come from the database clock. Run a statement in the transaction that writes the change's outbox rows.
 */
public final class JobCommands {

    /** Statuses whose jobs {@link #clearFinished} deletes. */
    private static final String FINISHED = "status IN ('completed', 'failed', 'cancelled')";

    private JobCommands() {
    }

    /**
     * What a new job is made of.
     *
     * @param metadataJson the job's {@code VideoMetadata} as JSON
     * @param warning shown in the job's view, or null
     */
    public record NewJob(UUID id, String ownerId, UUID googleAccountId, JobRequested.DriveFile file,
            String folderPath, String batchId, String metadataJson, String warning, int maxAttempts) {
    }

    /** Inserts {@code job} pending ("Queued") with nothing transferred; created and updated now. */
    public static JobStatement create(NewJob job) {
        JobRequested.DriveFile file = job.file();
        return new JobStatement("INSERT INTO upload_job (id, owner_id, google_account_id, drive_file_id, "
                + "drive_file_name, drive_mime_type, drive_md5, size_bytes, total_bytes, folder_path, batch_id, "
                + "metadata, status, message, warning, max_attempts, created_at, updated_at) "
                + "SELECT $1, $2, $3, $4, $5, $6, $7, $8, $8, $9, $10, CAST(CAST($11 AS text) AS jsonb), 'pending', "
                + "'Queued', $12, $13, t.at, t.at FROM (SELECT clock_timestamp() AS at) t",
                Arrays.asList(job.id(), job.ownerId(), job.googleAccountId(), file.driveFileId(), file.fileName(),
                        file.mimeType(), file.md5Checksum(), file.sizeBytes(), job.folderPath(), job.batchId(),
                        job.metadataJson(), job.warning(), job.maxAttempts()));
    }

    /** A job no worker runs ({@code from}: pending or deferred) cancelled now. */
    public static JobStatement cancelWaiting(UUID id, JobStatus from) {
        JobStateMachine.requireTransition(from, JobStatus.CANCELLED);
        if (from.isRunning()) {
            throw new IllegalStateException("a running job is cancelled by its worker, not by the api");
        }
        return new JobStatement("UPDATE upload_job SET status = 'cancelled', stage = NULL, "
                + "message = 'Cancelled by the user', next_attempt_at = NULL, upload_session_uri = NULL, completed_at = now(), "
                + "updated_at = now() WHERE id = $1 AND status = $2", List.of(id, from.wireName()));
    }

    /** Asks the worker of a running job to stop: {@code cancel_requested_at} now, once. */
    public static JobStatement requestCancel(UUID id) {
        return new JobStatement("UPDATE upload_job SET cancel_requested_at = now(), updated_at = now() "
                + "WHERE id = $1 AND status IN ('downloading', 'uploading') AND cancel_requested_at IS NULL",
                List.of(id));
    }

    /** A finished job ({@code from}: failed or cancelled) pending again with its attempts, session and outcome reset. */
    public static JobStatement retry(UUID id, JobStatus from) {
        JobStateMachine.requireTransition(from, JobStatus.PENDING);
        return new JobStatement("UPDATE upload_job SET status = 'pending', stage = NULL, attempt = 0, progress = 0, "
                + "bytes_transferred = 0, total_bytes = size_bytes, message = 'Queued again by the user', "
                + "error_code = NULL, error_message = NULL, next_attempt_at = NULL, deferred_reason = NULL, "
                + "lease_owner = NULL, lease_expires_at = NULL, upload_session_uri = NULL, "
                + "upload_confirmed_offset = 0, upload_session_started_at = NULL, cancel_requested_at = NULL, "
                + "started_at = NULL, completed_at = NULL, updated_at = now() WHERE id = $1 AND status = $2",
                List.of(id, from.wireName()));
    }

    /**
     * A completed job whose video exists and one of whose after-upload steps failed, pending again to redo the steps
     * that are not done (the worker sees {@code video_id} and uploads nothing). The warning of the last run is cleared:
     * a step that fails again says so anew. Changes no row otherwise.
     */
    public static JobStatement finish(UUID id) {
        JobStateMachine.requireTransition(JobStatus.COMPLETED, JobStatus.PENDING);
        return new JobStatement("UPDATE upload_job SET status = 'pending', stage = 'queued', attempt = 0, "
                + "message = 'Queued again to finish the after-upload steps', warning = NULL, error_code = NULL, "
                + "error_message = NULL, next_attempt_at = NULL, lease_owner = NULL, lease_expires_at = NULL, "
                + "cancel_requested_at = NULL, completed_at = NULL, updated_at = now() WHERE id = $1 "
                + "AND status = 'completed' AND video_id IS NOT NULL AND " + HAS_FAILED_STEP, List.of(id));
    }

    /** Whether a job has an after-upload step that failed (its entry in {@code finish_steps}). */
    public static final String HAS_FAILED_STEP = "EXISTS (SELECT 1 FROM jsonb_each(finish_steps) AS step "
            + "WHERE step.value ->> 'state' = 'failed')";

    /** Deletes a job no worker runs. */
    public static JobStatement delete(UUID id) {
        return new JobStatement("DELETE FROM upload_job WHERE id = $1 AND status NOT IN ('downloading', 'uploading')",
                List.of(id));
    }

    /** Deletes the owner's completed, failed and cancelled jobs. */
    public static JobStatement clearFinished(String ownerId) {
        return new JobStatement("DELETE FROM upload_job WHERE owner_id = $1 AND " + FINISHED, List.of(ownerId));
    }
}
