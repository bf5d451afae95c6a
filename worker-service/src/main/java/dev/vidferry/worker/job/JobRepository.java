package dev.vidferry.worker.job;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

import dev.vidferry.model.event.EventEnvelope;
import dev.vidferry.model.event.JobProgress;
import dev.vidferry.model.event.JobRequested;
import dev.vidferry.model.job.JobStatus;
import dev.vidferry.platform.job.ClaimedJob;
import dev.vidferry.platform.job.DriveRevision;
import dev.vidferry.platform.job.Fence;
import dev.vidferry.platform.job.FencedWrites;
import dev.vidferry.platform.job.JobClaims;
import dev.vidferry.platform.job.JobTransitions;
import dev.vidferry.platform.job.Lease;

/**
 * The worker's access to {@code upload_job}: the platform's {@link JobClaims}, {@link FencedWrites} and
 * {@link JobTransitions} (which own the SQL, the fencing and the outbox rows) on this service's pool, each status
 * change in a transaction of its own.
 */
@ApplicationScoped
public class JobRepository {

    /** Shown on pending jobs whose Google account must be reconnected before they can run. */
    public static final String WAITING_FOR_RECONNECT = JobClaims.WAITING_FOR_RECONNECT;

    private final Pool pool;
    private final JobClaims claims;
    private final FencedWrites writes = new FencedWrites();
    private final JobTransitions transitions;

    public JobRepository(Pool pool, JobOutbox outbox, ObjectMapper mapper) {
        this.pool = pool;
        this.claims = new JobClaims(outbox.writer(), mapper);
        this.transitions = new JobTransitions(outbox.writer());
    }

    /** The next job by the fair order, claimed for {@code leaseOwner} with its event (see {@link JobClaims}). */
    public Uni<Optional<ClaimedJob>> claimNext(String leaseOwner, Duration lease,
            Function<ClaimedJob, EventEnvelope<JobProgress>> event) {
        return pool.withTransaction(tx -> claims.claimNext(tx, leaseOwner, lease, event));
    }

    /** Notes on the owner's jobs that wait for Google to be reconnected; how many were noted. */
    public Uni<Integer> markWaitingForReconnect(String ownerId) {
        return claims.markWaitingForReconnect(pool, ownerId);
    }

    public Uni<Lease> heartbeat(Fence fence, Duration lease) {
        return writes.heartbeat(pool, fence, lease);
    }

    public Uni<Optional<DriveRevision>> recordedRevision(Fence fence) {
        return writes.recordedRevision(pool, fence);
    }

    public Uni<Boolean> recordRevision(Fence fence, DriveRevision revision) {
        return writes.recordRevision(pool, fence, revision);
    }

    public Uni<Boolean> addWarning(Fence fence, String warning) {
        return writes.addWarning(pool, fence, warning);
    }

    public Uni<Boolean> recordStep(Fence fence, String step, String stepJson) {
        return writes.recordStep(pool, fence, step, stepJson);
    }

    public Uni<Boolean> startFinishing(Fence fence, String videoId, String videoUrl, EventEnvelope<JobProgress> event) {
        return pool.withTransaction(tx -> transitions.startFinishing(tx, fence, videoId, videoUrl, event));
    }

    public Uni<Boolean> forgetSession(Fence fence) {
        return writes.forgetSession(pool, fence);
    }

    public Uni<Lease> saveOffset(Fence fence, long confirmedOffset) {
        return writes.saveOffset(pool, fence, confirmedOffset);
    }

    public Uni<Lease> saveProgress(Fence fence, JobProgress progress) {
        return writes.saveProgress(pool, fence, progress);
    }

    public Uni<Boolean> startUpload(Fence fence, String sessionUri, long confirmedOffset, boolean newSession,
            EventEnvelope<JobProgress> event) {
        return pool.withTransaction(
                tx -> transitions.startUpload(tx, fence, sessionUri, confirmedOffset, newSession, event));
    }

    public Uni<Boolean> complete(Fence fence, String ownerId, String videoId, String videoUrl,
            JobTransitions.Upload upload, EventEnvelope<JobProgress> event) {
        return pool.withTransaction(tx -> transitions.complete(tx, fence, ownerId, videoId, videoUrl, upload, event));
    }

    public Uni<Boolean> fail(Fence fence, String errorCode, String errorMessage, EventEnvelope<JobProgress> event) {
        return pool.withTransaction(tx -> transitions.fail(tx, fence, errorCode, errorMessage, event));
    }

    public Uni<Boolean> release(Fence fence, Instant nextAttemptAt, String errorCode, String errorMessage,
            EventEnvelope<JobProgress> event) {
        return pool.withTransaction(
                tx -> transitions.release(tx, fence, nextAttemptAt, errorCode, errorMessage, event));
    }

    public Uni<Boolean> handBack(Fence fence, EventEnvelope<JobProgress> event, EventEnvelope<JobRequested> request) {
        return pool.withTransaction(tx -> transitions.handBack(tx, fence, event, request));
    }

    public Uni<Boolean> defer(Fence fence, Instant nextAttemptAt, String errorCode, String reason,
            EventEnvelope<JobProgress> event) {
        return pool.withTransaction(tx -> transitions.defer(tx, fence, nextAttemptAt, errorCode, reason, event));
    }

    public Uni<Boolean> cancel(Fence fence, EventEnvelope<JobProgress> event) {
        return pool.withTransaction(tx -> transitions.cancel(tx, fence, event));
    }

    /** The status guard of fenced changes to {@code to} (see {@link JobTransitions#guard}). */
    static String guard(JobStatus to) {
        return JobTransitions.guard(to);
    }
}
