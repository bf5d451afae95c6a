package dev.vidferry.platform.job;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

import dev.vidferry.model.event.EventEnvelope;
import dev.vidferry.model.event.JobProgress;
import dev.vidferry.model.event.JobRequested;
import dev.vidferry.model.event.Topics;
import dev.vidferry.model.job.JobStateMachine;
import dev.vidferry.model.job.JobStatus;
import dev.vidferry.platform.outbox.OutboxWriter;

/**
 * The status changes of a running job. Each is one update fenced by job id, lease owner, attempt and the running
 * statuses {@link JobStateMachine} allows the change from ({@link #guard}); when it still held the job it writes its
 * events to the outbox on the same {@code tx}, so call every method inside a transaction. {@code false} means the job
 * was taken over or finished elsewhere and nothing was written.
 */
@ApplicationScoped
public class JobTransitions {

    /** Result of a successful upload, for the history row. */
    public record Upload(String videoId, String videoUrl, String title, String channelId, UUID googleAccountId,
            String driveFileId, String driveFileName, String md5, long sizeBytes) {
    }

    private final OutboxWriter outbox;

    public JobTransitions(OutboxWriter outbox) {
        this.outbox = outbox;
    }

    /** downloading -> uploading with the session URI (saved before the first chunk) and its confirmed offset. */
    public Uni<Boolean> startUpload(SqlClient tx, Fence fence, String sessionUri, long confirmedOffset,
            boolean newSession, EventEnvelope<JobProgress> event) {
        return transition(tx, fence, JobStatus.UPLOADING, "stage = 'uploading', upload_session_uri = $4, "
                + "upload_confirmed_offset = $5, message = $6, upload_session_started_at = CASE WHEN $7 THEN now() "
                + "ELSE coalesce(upload_session_started_at, now()) END", event,
                sessionUri, confirmedOffset, event.data().message(), newSession);
    }

    /**
     * The video exists: records it on the job (so any later attempt goes straight to the after-upload steps, never
     * uploading again), forgets the finished session and moves to {@code uploading} / stage {@code finishing}, from
     * either running status (a new attempt of a job whose video exists starts from {@code downloading}).
     */
    public Uni<Boolean> startFinishing(SqlClient tx, Fence fence, String videoId, String videoUrl,
            EventEnvelope<JobProgress> event) {
        return tx.preparedQuery("UPDATE upload_job SET status = 'uploading', stage = 'finishing', video_id = $4, "
                + "video_url = $5, message = $6, upload_session_uri = NULL, updated_at = now()" + JobTable.FENCE
                + JobTable.RUNNING)
                .execute(JobTable.fenced(fence, videoId, videoUrl, event.data().message()))
                .map(RowSet::rowCount)
                .flatMap(count -> count > 0
                        ? outbox.add(tx, Topics.JOB_PROGRESS, event).replaceWith(true)
                        : Uni.createFrom().item(false));
    }

    /**
     * Finishes the job as completed. With {@code upload} (a new video) an upload history row is written in the same
     * transaction (idempotent per job); without (a duplicate) only the job changes.
     */
    public Uni<Boolean> complete(SqlClient tx, Fence fence, String ownerId, String videoId, String videoUrl,
            Upload upload, EventEnvelope<JobProgress> event) {
        return update(tx, JobStatus.COMPLETED, "stage = 'finished', progress = 100, bytes_transferred = $4, "
                + "video_id = $5, video_url = $6, message = $7, completed_at = now(), lease_expires_at = NULL, "
                + "next_attempt_at = NULL, error_code = NULL, error_message = NULL, upload_session_uri = NULL",
                fence, event.data().bytesTransferred(), videoId, videoUrl, event.data().message())
                .flatMap(done -> {
                    if (!done) {
                        return Uni.createFrom().item(false);
                    }
                    Uni<Void> history = upload == null ? Uni.createFrom().voidItem() : history(tx, fence, ownerId, upload);
                    return history.chain(() -> outbox.add(tx, Topics.JOB_PROGRESS, event)).replaceWith(true);
                });
    }

    private static Uni<Void> history(SqlClient tx, Fence fence, String ownerId, Upload upload) {
        return tx.preparedQuery("INSERT INTO upload_history (id, owner_id, google_account_id, channel_id, job_id, "
                + "drive_file_id, drive_file_name, drive_md5, size_bytes, video_id, video_url, title) "
                + "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) "
                + "ON CONFLICT (job_id) WHERE job_id IS NOT NULL DO NOTHING")
                .execute(Tuple.from(Arrays.asList(UUID.randomUUID(), ownerId, upload.googleAccountId(),
                        upload.channelId(), fence.jobId(), upload.driveFileId(), upload.driveFileName(), upload.md5(),
                        upload.sizeBytes(), upload.videoId(), upload.videoUrl(), upload.title())))
                .replaceWithVoid();
    }

    /** Finishes the job as failed. */
    public Uni<Boolean> fail(SqlClient tx, Fence fence, String errorCode, String errorMessage,
            EventEnvelope<JobProgress> event) {
        return transition(tx, fence, JobStatus.FAILED, "error_code = $4, error_message = $5, message = $6, "
                + "completed_at = now(), lease_expires_at = NULL, next_attempt_at = NULL, upload_session_uri = NULL", event,
                errorCode, errorMessage, event.data().message());
    }

    /** Hands the job back (pending, lease cleared) to be claimed again at {@code nextAttemptAt}; keeps the session. */
    public Uni<Boolean> release(SqlClient tx, Fence fence, Instant nextAttemptAt, String errorCode,
            String errorMessage, EventEnvelope<JobProgress> event) {
        return transition(tx, fence, JobStatus.PENDING, "stage = 'queued', lease_owner = NULL, "
                + "lease_expires_at = NULL, next_attempt_at = $4, error_code = $5, error_message = $6, message = $7",
                event, nextAttemptAt.atOffset(ZoneOffset.UTC), errorCode, errorMessage, event.data().message());
    }

    /**
     * Hands the job back for another worker to take right away (shutdown): pending, lease cleared, session kept, and a
     * new {@code upload-job.requested} record through the outbox in the same transaction.
     */
    public Uni<Boolean> handBack(SqlClient tx, Fence fence, EventEnvelope<JobProgress> event,
            EventEnvelope<JobRequested> request) {
        return update(tx, JobStatus.PENDING, "stage = 'queued', lease_owner = NULL, lease_expires_at = NULL, "
                + "next_attempt_at = NULL, message = $4", fence, event.data().message())
                .flatMap(done -> done
                        ? outbox.add(tx, Topics.JOB_PROGRESS, event)
                                .chain(() -> outbox.add(tx, Topics.JOB_REQUESTED, request))
                                .replaceWith(true)
                        : Uni.createFrom().item(false));
    }

    /**
     * Parks the job until {@code nextAttemptAt} (quota, channel upload cap). A deferral spends no attempt: the claim's
     * {@code attempt + 1} is taken back, so waiting for quota never runs a job out of {@code max_attempts}.
     */
    public Uni<Boolean> defer(SqlClient tx, Fence fence, Instant nextAttemptAt, String errorCode, String reason,
            EventEnvelope<JobProgress> event) {
        return transition(tx, fence, JobStatus.DEFERRED, "stage = 'queued', lease_owner = NULL, "
                + "lease_expires_at = NULL, attempt = attempt - 1, next_attempt_at = $4, error_code = $5, "
                + "deferred_reason = $6, message = $6", event, nextAttemptAt.atOffset(ZoneOffset.UTC), errorCode,
                reason);
    }

    /** Marks the job cancelled (the user asked for it while it ran). */
    public Uni<Boolean> cancel(SqlClient tx, Fence fence, EventEnvelope<JobProgress> event) {
        return transition(tx, fence, JobStatus.CANCELLED, "stage = 'finished', message = $4, completed_at = now(), "
                + "lease_expires_at = NULL, next_attempt_at = NULL, upload_session_uri = NULL", event,
                event.data().message());
    }

    /** The SQL form of "from a running state a worker may move to {@code to}". */
    public static String guard(JobStatus to) {
        Set<JobStatus> sources = JobStateMachine.sourcesOf(to);
        String list = sources.stream().filter(JobStatus::isRunning).map(s -> "'" + s.wireName() + "'").sorted()
                .reduce((a, b) -> a + ", " + b)
                .orElseThrow(() -> new IllegalStateException("a worker never moves a running job to " + to));
        return "status IN (" + list + ")";
    }

    private Uni<Boolean> transition(SqlClient tx, Fence fence, JobStatus to, String set,
            EventEnvelope<JobProgress> event, Object... params) {
        return update(tx, to, set, fence, params).flatMap(done -> done
                ? outbox.add(tx, Topics.JOB_PROGRESS, event).replaceWith(true)
                : Uni.createFrom().item(false));
    }

    private static Uni<Boolean> update(SqlClient tx, JobStatus to, String set, Fence fence, Object... params) {
        return tx.preparedQuery("UPDATE upload_job SET status = '" + to.wireName() + "', " + set
                + ", updated_at = now()" + JobTable.FENCE + guard(to))
                .execute(JobTable.fenced(fence, params))
                .map(RowSet::rowCount)
                .map(count -> count > 0);
    }
}
