package dev.vidferry.platform.job;

import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

import dev.vidferry.model.event.JobProgress;

/**
 * The writes of a running job that keep its status: lease, offset, progress, Drive revision, warnings. Each is fenced
 * by job id, lease owner, attempt and a running status ({@link JobTable#FENCE}) and reports whether the caller still
 * holds the job; none writes an event. Status changes are {@link JobTransitions}.
 */
@ApplicationScoped
public class FencedWrites {

    /** Extends the lease by {@code lease}. */
    public Uni<Lease> heartbeat(SqlClient client, Fence fence, Duration lease) {
        return checked(client, "lease_expires_at = now() + $4 * interval '1 millisecond'", fence, lease.toMillis());
    }

    /** Saves the offset YouTube confirmed (after every chunk). */
    public Uni<Lease> saveOffset(SqlClient client, Fence fence, long confirmedOffset) {
        return checked(client, "upload_confirmed_offset = $4", fence, confirmedOffset);
    }

    /** Saves the progress columns (throttled by the caller). */
    public Uni<Lease> saveProgress(SqlClient client, Fence fence, JobProgress progress) {
        return checked(client, "progress = $4, bytes_transferred = $5, stage = $6, message = $7", fence,
                (short) progress.progress(), progress.bytesTransferred(), progress.stage().wireName(),
                progress.message());
    }

    /** The Drive revision recorded by an earlier attempt of the job, empty when none was. */
    public Uni<Optional<DriveRevision>> recordedRevision(SqlClient client, Fence fence) {
        return client.preparedQuery("SELECT total_bytes, drive_md5, drive_revision_id, drive_modified_time "
                + "FROM upload_job WHERE id = $1 AND drive_revision_at IS NOT NULL")
                .execute(Tuple.of(fence.jobId()))
                .map(rows -> rows.size() == 0
                        ? Optional.<DriveRevision>empty()
                        : Optional.of(JobTable.revision(rows.iterator().next())));
    }

    /** Records the Drive revision the upload streams (size, md5, head revision, modification time). */
    public Uni<Boolean> recordRevision(SqlClient client, Fence fence, DriveRevision revision) {
        return write(client, "total_bytes = $4, drive_md5 = coalesce($5, drive_md5), drive_revision_id = $6, "
                + "drive_modified_time = $7, drive_revision_at = now()", fence, revision.size(), revision.md5(),
                revision.revisionId(),
                revision.modifiedTime() == null ? null : revision.modifiedTime().atOffset(ZoneOffset.UTC));
    }

    /** Adds a warning to the job (shown in its view) unless it already has it; the job goes on. */
    public Uni<Boolean> addWarning(SqlClient client, Fence fence, String warning) {
        return write(client, "warning = CASE WHEN warning IS NULL THEN $4 WHEN position($4 in warning) > 0 THEN warning "
                + "ELSE warning || '; ' || $4 END", fence, warning);
    }

    /**
     * Records how far the after-upload step {@code step} got (its entry in {@code finish_steps}), so a later attempt
     * skips what is done. {@code stepJson} is the {@link FinishStep} as JSON.
     */
    public Uni<Boolean> recordStep(SqlClient client, Fence fence, String step, String stepJson) {
        return write(client, "finish_steps = finish_steps || jsonb_build_object($4::text, $5::text::jsonb)", fence, step,
                stepJson);
    }

    /** Forgets an expired upload session (404/410 on status query). */
    public Uni<Boolean> forgetSession(SqlClient client, Fence fence) {
        return write(client, "upload_session_uri = NULL, upload_confirmed_offset = 0, upload_session_started_at = NULL",
                fence);
    }

    /** A fenced write that also reports whether the user asked to cancel the job. */
    private static Uni<Lease> checked(SqlClient client, String set, Fence fence, Object... params) {
        return client.preparedQuery("UPDATE upload_job SET " + set + ", updated_at = now()" + JobTable.FENCE
                + JobTable.RUNNING + " RETURNING cancel_requested_at IS NOT NULL AS cancel")
                .execute(JobTable.fenced(fence, params))
                .map(rows -> rows.size() == 0
                        ? Lease.LOST
                        : rows.iterator().next().getBoolean("cancel") ? Lease.CANCEL_REQUESTED : Lease.HELD);
    }

    private static Uni<Boolean> write(SqlClient client, String set, Fence fence, Object... params) {
        return client.preparedQuery("UPDATE upload_job SET " + set + ", updated_at = now()" + JobTable.FENCE
                + JobTable.RUNNING)
                .execute(JobTable.fenced(fence, params))
                .map(RowSet::rowCount)
                .map(count -> count > 0);
    }
}
