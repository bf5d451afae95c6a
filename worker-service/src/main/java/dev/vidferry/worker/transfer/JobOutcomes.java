package dev.vidferry.worker.transfer;

import java.time.Duration;
import java.time.Instant;

import com.google.api.services.youtube.model.Video;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

import dev.vidferry.model.event.EventEnvelope;
import dev.vidferry.model.event.JobProgress;
import dev.vidferry.model.event.JobRequested;
import dev.vidferry.model.job.ErrorCode;
import dev.vidferry.model.job.JobStage;
import dev.vidferry.model.job.JobStatus;
import dev.vidferry.model.quota.QuotaMethods;
import dev.vidferry.platform.job.ClaimedJob;
import dev.vidferry.platform.job.JobTransitions;
import dev.vidferry.worker.google.Failure;
import dev.vidferry.worker.google.GoogleAccounts;
import dev.vidferry.worker.google.GoogleErrors;
import dev.vidferry.worker.job.LeaseLostException;
import dev.vidferry.worker.progress.ProgressTracker;

/**
 * Writes how a job's attempt ended: completed (a new video or a duplicate), failed, content mismatch, retried later,
 * deferred, cancelled or handed back. Each outcome is one fenced transaction with its progress event.
 */
final class JobOutcomes {

    static final Duration DB_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration TICK_DRAIN = Duration.ofSeconds(10);

    private final ClaimedJob job;
    private final TransferContext ctx;
    private final ProgressTracker progress;

    JobOutcomes(ClaimedJob job, TransferContext ctx, ProgressTracker progress) {
        this.job = job;
        this.ctx = ctx;
        this.progress = progress;
    }

    /** A new video with the file's bytes; {@code warning} (or null) is added to the completion message. */
    void completed(String videoId, long total, String md5, GoogleAccounts.Account account, String warning) {
        String url = VideoMapping.watchUrl(videoId);
        progress.drainTicks(TICK_DRAIN);
        progress.bytesConfirmedQuietly(total);
        EventEnvelope<JobProgress> event = progress.statusEvent(JobStatus.COMPLETED, JobStage.FINISHED,
                "Uploaded to YouTube: " + url + (warning == null ? "" : " (warning: " + warning + ")"), videoId, null,
                null);
        JobTransitions.Upload upload = new JobTransitions.Upload(videoId, url, job.metadata().title(),
                account.channelId(), account.id(), job.driveFileId(), job.driveFileName(), md5, total);
        held(ctx.repository().complete(job.fence(), job.ownerId(), videoId, url, upload, event));
        ctx.metrics().completed(false);
        Log.infof("job %s: uploaded as video %s", job.id(), videoId);
    }

    void duplicate(DuplicateCheck.Existing existing) {
        String url = existing.videoUrl() != null ? existing.videoUrl() : VideoMapping.watchUrl(existing.videoId());
        progress.drainTicks(TICK_DRAIN);
        EventEnvelope<JobProgress> event = progress.statusEvent(JobStatus.COMPLETED, JobStage.FINISHED,
                "Already on YouTube: this file was uploaded before as " + url + "; nothing was uploaded",
                existing.videoId(), null, null);
        held(ctx.repository().complete(job.fence(), job.ownerId(), existing.videoId(), url, null, event));
        ctx.metrics().completed(true);
        Log.infof("job %s: duplicate of video %s, nothing uploaded", job.id(), existing.videoId());
    }

    /**
     * The bytes sent do not have Drive's md5. The video exists on YouTube but is not trusted: the job fails with
     * {@link ErrorCode#CONTENT_MISMATCH}, the message names the video, and no upload history row is written (so the
     * duplicate check never takes it for this file). The video is not deleted: our scopes ({@code youtube.upload})
     * cannot delete, and the owner may want to look at it.
     */
    void contentMismatch(Video video, String driveMd5, String sentMd5) {
        String url = VideoMapping.watchUrl(video.getId());
        progress.drainTicks(TICK_DRAIN);
        String message = "The bytes sent to YouTube (md5 " + sentMd5 + ") differ from the Drive file (md5 " + driveMd5
                + "). The video was uploaded as " + url + " but may be corrupt: delete it on YouTube and retry the job";
        fail(ErrorCode.CONTENT_MISMATCH, message);
        Log.warnf("job %s: content mismatch, video %s uploaded with md5 %s instead of %s", job.id(), video.getId(),
                sentMd5, driveMd5);
    }

    /** Sorts an error into fail / retry / defer and writes it. */
    void failed(Throwable error, GoogleErrors.Api api, GoogleAccounts.Account account, String quotaMethod) {
        GoogleErrors.Api source = find(error, TransferSignals.SourceFailure.class) != null ? GoogleErrors.Api.DRIVE : api;
        Failure failure = error instanceof TransferSignals.Terminal terminal
                ? Failure.fail(terminal.code, terminal.getMessage())
                : error instanceof TransferSignals.Deferral deferral
                        ? Failure.defer(deferral.code, deferral.getMessage(), deferral.until)
                        : GoogleErrors.classify(error, source, ctx.clock());
        if (failure.code() == ErrorCode.QUOTA_EXCEEDED && source == GoogleErrors.Api.YOUTUBE
                && !(error instanceof TransferSignals.Deferral)) {
            failure = quotaExhausted(failure, quotaMethod);
        }
        if (failure.code() == ErrorCode.UPLOAD_LIMIT_EXCEEDED && !(error instanceof TransferSignals.Deferral)
                && account != null && account.channelId() != null) {
            closeChannelDay(account.channelId());
        }
        if (failure.kind() == Failure.Kind.RETRY) {
            Log.warnf("job %s attempt %d: %s (%s)", job.id(), job.attempt(), failure.message(), error.toString());
        } else {
            Log.infof("job %s attempt %d: %s", job.id(), job.attempt(), failure.message());
        }
        try {
            if (failure.code() == ErrorCode.GOOGLE_RECONNECT_REQUIRED) {
                if (account != null) {
                    ctx.accounts().markReconnectRequired(account.id(), failure.message());
                }
                int waiting = ctx.repository().markWaitingForReconnect(job.ownerId()).await().atMost(DB_TIMEOUT);
                if (waiting > 0) {
                    Log.infof("job %s: %d other jobs of the owner wait for Google to be reconnected", job.id(),
                            waiting);
                }
            }
            progress.drainTicks(TICK_DRAIN);
            boolean held = switch (failure.kind()) {
                case FAIL -> fail(failure.code(), failure.message());
                case DEFER -> await(ctx.repository().defer(job.fence(), failure.until(), failure.code().name(),
                        failure.message(), progress.statusEvent(JobStatus.DEFERRED, JobStage.QUEUED, failure.message(),
                                null, failure.code(), failure.until())));
                case RETRY -> retryOrGiveUp(failure);
            };
            if (!held) {
                Log.infof("job %s: no longer ours, leaving it as it is", job.id());
            }
        } catch (RuntimeException e) {
            Log.errorf(e, "job %s: could not record the outcome; its lease will expire", job.id());
        }
    }

    /** Google said the quota is used up: close the ledger bucket for everyone and wait for its reset. */
    private Failure quotaExhausted(Failure failure, String quotaMethod) {
        String method = quotaMethod != null ? quotaMethod : QuotaMethods.VIDEOS_INSERT;
        String bucket = ctx.quota().table().cost(method).bucket();
        try {
            Instant reset = ctx.quota().markExhausted(ctx.projectId(), bucket).await().atMost(DB_TIMEOUT);
            Log.infof("job %s: Google says the quota bucket %s of project %s is used up; closed until %s", job.id(),
                    bucket, ctx.projectId(), reset);
            return Failure.defer(failure.code(), failure.message(), reset);
        } catch (RuntimeException e) {
            Log.warnf("job %s: could not close quota bucket %s in the ledger: %s", job.id(), bucket, e.toString());
            return failure;
        }
    }

    /** YouTube refused another upload of the channel: its other jobs wait too, without asking YouTube again. */
    private void closeChannelDay(String channelId) {
        try {
            Instant reset = ctx.channelUploads().markExhausted(channelId).await().atMost(DB_TIMEOUT);
            Log.infof("job %s: YouTube refuses more uploads of channel %s today; its uploads wait until %s", job.id(),
                    channelId, reset);
        } catch (RuntimeException e) {
            Log.warnf("job %s: could not close the upload day of channel %s: %s", job.id(), channelId, e.toString());
        }
    }

    private boolean retryOrGiveUp(Failure failure) {
        if (job.attempt() >= job.maxAttempts()) {
            return fail(ErrorCode.RETRIES_EXHAUSTED,
                    "Gave up after " + job.attempt() + " attempts; last error: " + failure.message());
        }
        Instant next = ctx.clock().instant().plus(backoff(job.attempt()));
        String message = "Will retry after a transient error: " + failure.message();
        boolean held = await(ctx.repository().release(job.fence(), next, ErrorCode.TRANSIENT.name(), failure.message(),
                progress.statusEvent(JobStatus.PENDING, JobStage.QUEUED, message, null, ErrorCode.TRANSIENT, next)));
        ctx.metrics().released("retry");
        return held;
    }

    private boolean fail(ErrorCode code, String message) {
        boolean held = await(ctx.repository().fail(job.fence(), code.name(), message,
                progress.statusEvent(JobStatus.FAILED, JobStage.FINISHED, message, null, code, null)));
        ctx.metrics().failed(code);
        return held;
    }

    void cancelled() {
        String message = "Cancelled by the user";
        try {
            progress.drainTicks(TICK_DRAIN);
            boolean held = await(ctx.repository().cancel(job.fence(),
                    progress.statusEvent(JobStatus.CANCELLED, JobStage.FINISHED, message, null, null, null)));
            ctx.metrics().released("cancelled");
            Log.infof("job %s: %s", job.id(), held ? "cancelled, transfer stopped" : "stopped, no longer ours");
        } catch (RuntimeException e) {
            Log.warnf("job %s: could not mark it cancelled (%s); its lease will expire", job.id(), e.toString());
        }
    }

    void handedBack() {
        String message = "The worker is shutting down; another worker will continue the job";
        try {
            progress.drainTicks(TICK_DRAIN);
            Instant now = ctx.clock().instant();
            EventEnvelope<JobRequested> request = JobRequested.redispatch(job.id(), job.ownerId(),
                    new JobRequested.DriveFile(job.driveFileId(), job.driveFileName(), job.driveMimeType(),
                            job.sizeBytes(), job.driveMd5()),
                    job.metadata(), job.attempt()).envelope(now);
            await(ctx.repository().handBack(job.fence(),
                    progress.statusEvent(JobStatus.PENDING, JobStage.QUEUED, message, null, null, null), request));
            ctx.metrics().released("shutdown");
            Log.infof("job %s: handed back at shutdown", job.id());
        } catch (RuntimeException e) {
            Log.warnf("job %s: could not hand back at shutdown (%s); its lease will expire", job.id(), e.toString());
        }
    }

    /** Pause before the next attempt: full jitter, {@code random(0, min(max, base * 2^attempt))}. */
    Duration backoff(int attempt) {
        return StreamBridge.jitter(ctx.config().retryBackoff(), attempt, ctx.config().retryBackoffMax());
    }

    /** Awaits a fenced write; a write that found the job no longer ours ends the transfer. */
    void held(Uni<Boolean> write) {
        if (!await(write)) {
            throw new LeaseLostException(job.fence());
        }
    }

    static boolean await(Uni<Boolean> write) {
        return Boolean.TRUE.equals(write.await().atMost(DB_TIMEOUT));
    }

    static <T extends Throwable> T find(Throwable error, Class<T> type) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
