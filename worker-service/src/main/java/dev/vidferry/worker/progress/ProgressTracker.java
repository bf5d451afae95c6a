package dev.vidferry.worker.progress;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.quarkus.logging.Log;

import dev.vidferry.model.event.EventEnvelope;
import dev.vidferry.model.event.JobProgress;
import dev.vidferry.model.job.ErrorCode;
import dev.vidferry.model.job.JobStage;
import dev.vidferry.model.job.JobStatus;
import dev.vidferry.platform.job.ClaimedJob;
import dev.vidferry.platform.job.Lease;
import dev.vidferry.worker.WorkerConfig;
import dev.vidferry.worker.job.JobOutbox;
import dev.vidferry.worker.job.JobRepository;
import dev.vidferry.worker.job.LeaseLostException;

/**
 * Progress of one transfer. Status changes travel through the outbox (written by the caller with the status); while
 * bytes move this sends ticks straight to Kafka at most every {@code progress-interval}, and saves the progress
 * columns at most every {@code db-progress-interval}. Order per job holds because a tick is only sent once the outbox
 * event of the current status has been published, and {@link #drainTicks} waits for every tick's ack before the
 * caller writes a terminal status. Progress never decreases. Not thread-safe: one transfer thread uses it.
 */
public final class ProgressTracker {

    private static final Duration DB_TIMEOUT = Duration.ofSeconds(30);

    private final ClaimedJob job;
    private final JobRepository repository;
    private final JobOutbox outbox;
    private final ProgressEmitter emitter;
    private final WorkerConfig config;
    private final Clock clock;

    private long totalBytes;
    private long confirmed;
    private int percent;
    private JobStatus status = JobStatus.DOWNLOADING;
    private JobStage stage = JobStage.DOWNLOADING;
    private String message = "";
    private UUID unpublishedStatusEvent;
    private boolean cancelRequested;
    private CompletableFuture<Void> lastTick = CompletableFuture.completedFuture(null);
    private long lastTickAt;
    private long lastTickBytes;
    private long lastDbAt;

    public ProgressTracker(ClaimedJob job, JobRepository repository, JobOutbox outbox, ProgressEmitter emitter,
            WorkerConfig config, Clock clock) {
        this.job = job;
        this.repository = repository;
        this.outbox = outbox;
        this.emitter = emitter;
        this.config = config;
        this.clock = clock;
        this.totalBytes = job.sizeBytes();
    }

    public void totalBytes(long total) {
        this.totalBytes = total;
    }

    public long confirmed() {
        return confirmed;
    }

    /** The event of a status change to write to the outbox with it; bytes and progress are the current ones. */
    public EventEnvelope<JobProgress> statusEvent(JobStatus newStatus, JobStage newStage, String newMessage,
            String videoId, ErrorCode errorCode, Instant nextAttemptAt) {
        int shown = newStatus == JobStatus.COMPLETED ? 100 : percent;
        return JobProgress.statusChanged(ref(), newStatus, newStage, new JobProgress.Bytes(shown, confirmed, totalBytes),
                newMessage, new JobProgress.Outcome(videoId, errorCode, nextAttemptAt), clock.instant()).envelope();
    }

    /** Records that {@code event} (written to the outbox with its status change) now describes the job. */
    public void statusChanged(EventEnvelope<JobProgress> event) {
        status = event.data().status();
        stage = event.data().stage();
        message = event.data().message();
        unpublishedStatusEvent = event.eventId();
        lastTickAt = clock.millis();
        lastTickBytes = confirmed;
    }

    /** Sets the confirmed bytes without sending or saving anything (the next status event carries them). */
    public void bytesConfirmedQuietly(long offset) {
        if (offset > confirmed) {
            confirmed = offset;
        }
        int next = totalBytes <= 0 ? 0 : (int) Math.min(99, confirmed * 100 / totalBytes);
        percent = Math.max(percent, next);
    }

    /** YouTube now holds {@code offset} bytes: maybe send a tick and save the progress columns. */
    public void bytesConfirmed(long offset, String newMessage) {
        if (offset > confirmed) {
            confirmed = offset;
        }
        message = newMessage;
        int next = totalBytes <= 0 ? 0 : (int) Math.min(99, confirmed * 100 / totalBytes);
        percent = Math.max(percent, next);
        long now = clock.millis();
        if (now - lastTickAt >= config.progressInterval().toMillis()) {
            tick(now);
        }
        if (now - lastDbAt >= config.dbProgressInterval().toMillis()) {
            lastDbAt = now;
            JobProgress row = current(0);
            Lease lease = repository.saveProgress(job.fence(), row).await().atMost(DB_TIMEOUT);
            if (lease == Lease.LOST) {
                throw new LeaseLostException(job.fence());
            }
            cancelRequested = lease == Lease.CANCEL_REQUESTED;
        }
    }

    /** Whether the last progress write found a cancel request on the job. */
    public boolean cancelRequested() {
        return cancelRequested;
    }

    /** Waits (bounded) until Kafka acknowledged every tick sent so far. */
    public void drainTicks(Duration timeout) {
        try {
            lastTick.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            Log.debugf("progress tick of job %s not acknowledged: %s", job.id(), e.toString());
        }
    }

    private void tick(long now) {
        if (unpublishedStatusEvent != null) {
            boolean published;
            try {
                published = outbox.isPublished(unpublishedStatusEvent).await().atMost(DB_TIMEOUT);
            } catch (RuntimeException e) {
                published = false;
            }
            if (!published) {
                return; // the status event must reach Kafka first, or a tick could overtake it
            }
            unpublishedStatusEvent = null;
        }
        long elapsed = Math.max(1, now - lastTickAt);
        long bytesPerSecond = (confirmed - lastTickBytes) * 1000 / elapsed;
        lastTickAt = now;
        lastTickBytes = confirmed;
        CompletableFuture<Void> previous = lastTick;
        CompletableFuture<Void> sent = emitter.send(current(bytesPerSecond).envelope());
        lastTick = CompletableFuture.allOf(previous.exceptionally(e -> null), sent.exceptionally(e -> null));
    }

    private JobProgress current(long bytesPerSecond) {
        return JobProgress.tick(ref(), status, stage, new JobProgress.Bytes(percent, confirmed, totalBytes),
                bytesPerSecond, message, clock.instant());
    }

    private JobProgress.JobRef ref() {
        return new JobProgress.JobRef(job.id(), job.ownerId(), job.attempt());
    }
}
