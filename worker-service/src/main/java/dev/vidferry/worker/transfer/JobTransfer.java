package dev.vidferry.worker.transfer;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import com.google.api.client.util.DateTime;
import com.google.api.services.drive.Drive;
import com.google.api.services.drive.model.File;
import com.google.api.services.youtube.model.Video;
import com.google.api.services.youtube.model.VideoSnippet;
import com.google.api.services.youtube.model.VideoStatus;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

import dev.vidferry.model.event.EventEnvelope;
import dev.vidferry.model.event.JobProgress;
import dev.vidferry.model.event.JobRequested;
import dev.vidferry.model.job.ErrorCode;
import dev.vidferry.model.job.JobStage;
import dev.vidferry.model.job.JobStatus;
import dev.vidferry.model.metadata.VideoMetadata;
import dev.vidferry.model.quota.QuotaDecision;
import dev.vidferry.model.quota.QuotaMethods;
import dev.vidferry.platform.google.GoogleCredentialsFactory;
import dev.vidferry.worker.google.AccountProblemException;
import dev.vidferry.worker.google.Failure;
import dev.vidferry.worker.google.GoogleAccounts;
import dev.vidferry.worker.google.GoogleErrors;
import dev.vidferry.worker.google.ResumableUpload;
import dev.vidferry.worker.job.ClaimedJob;
import dev.vidferry.worker.job.JobRepository;
import dev.vidferry.worker.job.Lease;
import dev.vidferry.worker.job.LeaseLostException;
import dev.vidferry.worker.progress.ProgressTracker;

/**
 * Runs one claimed job on a transfer thread: credentials, Drive metadata, duplicate check, then Drive bytes streamed
 * through one chunk-sized buffer into a YouTube resumable session, the confirmed offset saved after every chunk.
 * Ends with the job completed, failed, deferred or handed back; never leaves it claimed on an error it can catch.
 * It is long because the whole life of one attempt, each outcome included, reads top to bottom in one place.
 */
final class JobTransfer implements Runnable {

    private static final Duration DB_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration TICK_DRAIN = Duration.ofSeconds(10);
    private static final int CHUNK_RECOVERIES = 3;

    private final ClaimedJob job;
    private final TransferContext ctx;
    private final ProgressTracker progress;
    private volatile boolean stopRequested;
    private volatile boolean leaseLost;
    private volatile boolean cancelRequested;
    private GoogleErrors.Api api = GoogleErrors.Api.DRIVE;
    private GoogleAccounts.Account account;
    private String quotaMethod;
    private volatile ResumableUpload activeUpload;

    JobTransfer(ClaimedJob job, EventEnvelope<JobProgress> claimEvent, TransferContext ctx) {
        this.job = job;
        this.ctx = ctx;
        this.progress = new ProgressTracker(job, ctx.repository(), ctx.outbox(), ctx.emitter(), ctx.config(),
                ctx.clock());
        progress.statusChanged(claimEvent);
    }

    ClaimedJob job() {
        return job;
    }

    /** Asks the transfer to hand its job back at the next chunk boundary (shutdown). */
    void requestStop() {
        stopRequested = true;
    }

    /** The user asked to cancel: stop at the next chunk boundary and mark the job cancelled. */
    void cancelRequested() {
        cancelRequested = true;
        abortInFlight();
    }

    /** The heartbeat found the job no longer ours: stop at the next chunk boundary. */
    void leaseLost() {
        leaseLost = true;
        abortInFlight();
    }

    /** Cuts off the chunk PUT in flight: a chunk takes seconds on a slow link, a cancel must not wait for it. */
    private void abortInFlight() {
        ResumableUpload upload = activeUpload;
        if (upload != null) {
            upload.abort();
        }
    }

    @Override
    public void run() {
        try {
            transfer();
        } catch (LeaseLostException e) {
            Log.infof("job %s: stopped, it was cancelled or taken over (%s)", job.id(), e.getMessage());
            ctx.metrics().released("lease-lost");
        } catch (StopRequested e) {
            handBack();
        } catch (CancelRequested e) {
            markCancelled();
        } catch (Throwable e) {
            if (leaseLost) {
                Log.infof("job %s: stopped, it was taken over (%s)", job.id(), e.toString());
                ctx.metrics().released("lease-lost");
            } else if (cancelRequested) {
                markCancelled(); // e.g. the request a cancel cut off
            } else {
                handle(e);
            }
        }
    }

    private void transfer() throws IOException {
        account = ctx.accounts().load(job.ownerId(), job.googleAccountId());
        refreshCredentials();
        Drive drive = ctx.clients().drive(account.credentials());
        File file = drive.files().get(job.driveFileId()).setSupportsAllDrives(true)
                .setFields("id,name,mimeType,size,md5Checksum").execute();
        if (file.getSize() == null) {
            throw new Terminal(ErrorCode.NOT_A_VIDEO, "The Drive file has no downloadable content (is it a Google "
                    + "Docs file or a folder?)");
        }
        long total = file.getSize();
        if (total == 0) {
            throw new Terminal(ErrorCode.EMPTY_FILE, "The Drive file is empty (0 bytes); YouTube accepts no empty videos");
        }
        String md5 = file.getMd5Checksum() != null ? file.getMd5Checksum() : job.driveMd5();
        String contentType = file.getMimeType() != null && file.getMimeType().startsWith("video/")
                ? file.getMimeType()
                : "application/octet-stream";
        progress.totalBytes(total);
        held(ctx.repository().recordSource(job.fence(), total, md5));

        api = GoogleErrors.Api.YOUTUBE;
        quotaMethod = QuotaMethods.VIDEOS_LIST;
        Optional<DuplicateCheck.Existing> existing = ctx.duplicates().find(job.ownerId(), md5,
                ctx.clients().youtube(account.credentials()));
        if (existing.isPresent()) {
            completeDuplicate(existing.get());
            return;
        }

        ResumableUpload upload = ctx.clients().resumableUpload(account.credentials());
        activeUpload = upload;
        if (cancelRequested || leaseLost) {
            upload.abort();
        }
        String session = job.uploadSessionUri();
        long offset = 0;
        if (session != null) {
            ResumableUpload.State state = upload.query(session, total);
            if (state instanceof ResumableUpload.Done done) {
                complete(done.video(), total, md5);
                return;
            } else if (state instanceof ResumableUpload.Incomplete incomplete && incomplete.nextOffset() <= total) {
                offset = incomplete.nextOffset();
                Log.infof("job %s: resuming upload session at byte %d of %d", job.id(), offset, total);
            } else {
                Log.infof("job %s: the earlier upload session is gone, starting a new one", job.id());
                held(ctx.repository().forgetSession(job.fence()));
                session = null;
            }
        }
        boolean newSession = session == null;
        if (newSession) {
            session = initiate(upload, total, contentType);
        }
        progress.bytesConfirmedQuietly(offset);
        EventEnvelope<JobProgress> uploading = progress.statusEvent(JobStatus.UPLOADING, JobStage.UPLOADING,
                "Uploading to YouTube", null, null, null);
        held(ctx.repository().startUpload(job.fence(), session, offset, newSession, uploading));
        progress.statusChanged(uploading);

        pause(DebugPause.BEFORE_FIRST_CHUNK);
        Video video = stream(drive, upload, session, offset, total, contentType);
        complete(video, total, md5);
    }

    /**
     * Opens a new session, within the shared quota: one {@code videos.insert} is booked in the ledger first; denied ->
     * the job is deferred to the bucket's reset. A booking whose request surely never left is given back.
     */
    private String initiate(ResumableUpload upload, long total, String contentType) throws IOException {
        QuotaDecision reservation = ctx.quota().reserve(ctx.projectId(), QuotaMethods.VIDEOS_INSERT).await()
                .atMost(DB_TIMEOUT);
        if (!reservation.granted()) {
            throw new Deferral(ErrorCode.QUOTA_EXCEEDED, "The YouTube upload quota of today is used up ("
                    + reservation.used() + " of " + reservation.limit() + " uploads); the job waits for the reset at "
                    + "midnight Pacific time", reservation.resetsAt());
        }
        quotaMethod = QuotaMethods.VIDEOS_INSERT;
        try {
            VideoMetadata metadata = job.metadata().withDefaults();
            return upload.initiate(video(metadata), Boolean.TRUE.equals(metadata.notifySubscribers()), total,
                    contentType);
        } catch (IOException | RuntimeException e) {
            if (neverSent(e)) {
                ctx.quota().release(reservation).onFailure().recoverWithNull().await().atMost(DB_TIMEOUT);
            }
            throw e;
        }
    }

    /** True when the request surely never reached Google (no connection was made). */
    private static boolean neverSent(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof java.net.ConnectException || t instanceof java.net.UnknownHostException
                    || t instanceof java.net.NoRouteToHostException) {
                return true;
            }
        }
        return false;
    }

    /** Streams bytes {@code offset..total-1} from Drive into the session through one reusable buffer. */
    private Video stream(Drive drive, ResumableUpload upload, String session, long offset, long total,
            String contentType) throws IOException {
        byte[] buffer = new byte[ctx.chunkSize()];
        int confirmedChunks = 0;
        long bufferStart = offset;
        int length = 0;
        InputStream in = offset < total ? open(drive, offset) : InputStream.nullInputStream();
        try {
            while (true) {
                checkStillOurs();
                api = GoogleErrors.Api.DRIVE;
                while (length < buffer.length && bufferStart + length < total) {
                    int want = (int) Math.min(buffer.length - length, total - (bufferStart + length));
                    int read = in.read(buffer, length, want);
                    if (read < 0) {
                        throw new IOException("Drive ended the download at byte " + (bufferStart + length) + " of "
                                + total);
                    }
                    length += read;
                }
                api = GoogleErrors.Api.YOUTUBE;
                ResumableUpload.State state = length == 0
                        ? upload.query(session, total)
                        : putWithRecovery(upload, session, buffer, length, bufferStart, total, contentType);
                if (state instanceof ResumableUpload.Done done) {
                    ctx.metrics().uploaded(bufferStart + length - offset);
                    return done.video();
                }
                if (state instanceof ResumableUpload.Gone gone) {
                    held(ctx.repository().forgetSession(job.fence()));
                    throw new IOException("the YouTube upload session expired (HTTP " + gone.status() + ")");
                }
                long next = ((ResumableUpload.Incomplete) state).nextOffset();
                if (next < bufferStart || next > bufferStart + length) {
                    throw new IOException("YouTube confirmed " + next + " bytes, outside the chunk " + bufferStart
                            + "-" + (bufferStart + length) + " just sent");
                }
                if (length == 0 && next == total) {
                    throw new IOException("YouTube holds every byte but did not finish the upload");
                }
                int taken = (int) (next - bufferStart);
                System.arraycopy(buffer, taken, buffer, 0, length - taken);
                length -= taken;
                bufferStart = next;
                ctx.metrics().uploaded(taken);
                heldLease(ctx.repository().saveOffset(job.fence(), next));
                progress.bytesConfirmed(next, "Uploading to YouTube");
                if (progress.cancelRequested()) {
                    cancelRequested = true;
                }
                if (++confirmedChunks == 2) {
                    pause(DebugPause.BETWEEN_CHUNKS);
                }
            }
        } finally {
            in.close();
        }
    }

    /**
     * PUTs a chunk. A transient failure (5xx, 429, rate limit, network) is retried in place up to
     * {@code chunk-retries} times: a short jittered pause, a status query, then the chunk again from the offset the
     * session confirms, so a flaky network costs no attempt. A cancel aborts the PUT in flight.
     */
    private ResumableUpload.State putWithRecovery(ResumableUpload upload, String session, byte[] buffer, int length,
            long first, long total, String contentType) throws IOException {
        boolean send = true;
        for (int failures = 0;;) {
            try {
                if (send) {
                    return upload.put(session, buffer, length, first, total, contentType,
                            () -> cancelRequested || leaseLost);
                }
                ResumableUpload.State state = upload.query(session, total);
                if (state instanceof ResumableUpload.Incomplete incomplete && incomplete.nextOffset() == first) {
                    send = true;
                    continue;
                }
                return state; // the caller handles a partial take, completion or an expired session
            } catch (IOException e) {
                checkStillOurs();
                Failure failure = GoogleErrors.classify(e, GoogleErrors.Api.YOUTUBE, ctx.clock());
                if (failure.kind() != Failure.Kind.RETRY || ++failures > ctx.config().chunkRetries()) {
                    throw e;
                }
                Duration pause = jitter(ctx.config().chunkRetryBackoff(), failures - 1, Duration.ofSeconds(30));
                Log.infof("job %s: chunk at %d failed (%s), retry %d in %d ms", job.id(), first, failure.message(),
                        failures, pause.toMillis());
                sleep(pause);
                checkStillOurs();
                send = false;
            }
        }
    }

    /** Full jitter: a random pause between 0 and {@code min(max, base * 2^exponent)}. */
    static Duration jitter(Duration base, int exponent, Duration max) {
        long cap = Math.min(max.toMillis(), base.toMillis() * (1L << Math.min(30, Math.max(0, exponent))));
        return Duration.ofMillis(ThreadLocalRandom.current().nextLong(Math.max(0, cap) + 1));
    }

    private InputStream open(Drive drive, long offset) throws IOException {
        Drive.Files.Get get = drive.files().get(job.driveFileId()).setSupportsAllDrives(true);
        if (offset > 0) {
            get.getRequestHeaders().setRange("bytes=" + offset + "-");
        }
        return get.executeMediaAsInputStream();
    }

    private void complete(Video video, long total, String md5) {
        pause(DebugPause.BEFORE_RECORD);
        String videoId = video.getId();
        String url = "https://www.youtube.com/watch?v=" + videoId;
        progress.drainTicks(TICK_DRAIN);
        progress.bytesConfirmedQuietly(total);
        EventEnvelope<JobProgress> event = progress.statusEvent(JobStatus.COMPLETED, JobStage.FINISHED,
                "Uploaded to YouTube: " + url, videoId, null, null);
        JobRepository.Upload upload = new JobRepository.Upload(videoId, url, job.metadata().title(),
                account.channelId(), account.id(), job.driveFileId(), job.driveFileName(), md5, total);
        held(ctx.repository().complete(job.fence(), job.ownerId(), videoId, url, upload, event));
        ctx.metrics().completed(false);
        Log.infof("job %s: uploaded as video %s", job.id(), videoId);
    }

    private void completeDuplicate(DuplicateCheck.Existing existing) {
        String url = existing.videoUrl() != null
                ? existing.videoUrl()
                : "https://www.youtube.com/watch?v=" + existing.videoId();
        progress.drainTicks(TICK_DRAIN);
        EventEnvelope<JobProgress> event = progress.statusEvent(JobStatus.COMPLETED, JobStage.FINISHED,
                "Already on YouTube: this file was uploaded before as " + url + "; nothing was uploaded",
                existing.videoId(), null, null);
        held(ctx.repository().complete(job.fence(), job.ownerId(), existing.videoId(), url, null, event));
        ctx.metrics().completed(true);
        Log.infof("job %s: duplicate of video %s, nothing uploaded", job.id(), existing.videoId());
    }

    private void handle(Throwable error) {
        Failure failure = error instanceof Terminal terminal
                ? Failure.fail(terminal.code, terminal.getMessage())
                : error instanceof Deferral deferral
                        ? Failure.defer(deferral.code, deferral.getMessage(), deferral.until)
                        : GoogleErrors.classify(error, api, ctx.clock());
        if (failure.code() == ErrorCode.QUOTA_EXCEEDED && api == GoogleErrors.Api.YOUTUBE
                && !(error instanceof Deferral)) {
            failure = quotaExhausted(failure);
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
    private Failure quotaExhausted(Failure failure) {
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

    private void markCancelled() {
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

    private void handBack() {
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
        return jitter(ctx.config().retryBackoff(), attempt, ctx.config().retryBackoffMax());
    }

    private void refreshCredentials() {
        try {
            account.credentials().refreshIfExpired();
        } catch (IOException e) {
            if (GoogleCredentialsFactory.isInvalidGrant(e)) {
                throw new AccountProblemException(ErrorCode.GOOGLE_RECONNECT_REQUIRED,
                        "Google refused the stored authorization (invalid_grant): reconnect Google, then retry the job");
            }
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void pause(String point) {
        ctx.debug().at(point, job.id(), job.attempt(), () -> stopRequested || cancelRequested || leaseLost);
    }

    private void checkStillOurs() {
        if (leaseLost) {
            throw new LeaseLostException(job.fence());
        }
        if (cancelRequested) {
            throw new CancelRequested();
        }
        if (stopRequested) {
            throw new StopRequested();
        }
    }

    private void held(Uni<Boolean> write) {
        if (!await(write)) {
            throw new LeaseLostException(job.fence());
        }
    }

    private void heldLease(Uni<Lease> write) {
        Lease lease = write.await().atMost(DB_TIMEOUT);
        if (lease == Lease.LOST) {
            throw new LeaseLostException(job.fence());
        }
        if (lease == Lease.CANCEL_REQUESTED) {
            cancelRequested = true;
        }
    }

    private static boolean await(Uni<Boolean> write) {
        return Boolean.TRUE.equals(write.await().atMost(DB_TIMEOUT));
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StopRequested();
        }
    }

    static Video video(VideoMetadata metadata) {
        VideoSnippet snippet = new VideoSnippet()
                .setTitle(metadata.title())
                .setDescription(metadata.description())
                .setTags(metadata.tags().isEmpty() ? null : metadata.tags())
                .setCategoryId(metadata.categoryId());
        VideoStatus status = new VideoStatus()
                .setPrivacyStatus(metadata.privacyStatus().wireName())
                .setSelfDeclaredMadeForKids(Boolean.TRUE.equals(metadata.madeForKids()));
        if (metadata.publishAt() != null) {
            status.setPublishAt(new DateTime(metadata.publishAt().toInstant().toEpochMilli()));
        }
        return new Video().setSnippet(snippet).setStatus(status);
    }

    /** A problem a retry cannot fix. */
    private static final class Terminal extends RuntimeException {

        private final ErrorCode code;

        Terminal(ErrorCode code, String message) {
            super(message);
            this.code = code;
        }
    }

    /** The job must wait (shared quota used up) without spending an attempt. */
    private static final class Deferral extends RuntimeException {

        private final ErrorCode code;
        private final Instant until;

        Deferral(ErrorCode code, String message, Instant until) {
            super(message);
            this.code = code;
            this.until = until;
        }
    }

    /** The user cancelled the job. */
    private static final class CancelRequested extends RuntimeException {

        CancelRequested() {
            super("cancel requested");
        }
    }

    /** Shutdown asked the transfer to stop. */
    private static final class StopRequested extends RuntimeException {

        StopRequested() {
            super("stop requested");
        }
    }
}
