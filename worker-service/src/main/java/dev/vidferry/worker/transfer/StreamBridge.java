package dev.vidferry.worker.transfer;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.Supplier;

import com.google.api.services.drive.Drive;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

import dev.vidferry.platform.job.ClaimedJob;
import dev.vidferry.platform.job.Lease;
import dev.vidferry.worker.google.DriveReader;
import dev.vidferry.worker.google.Failure;
import dev.vidferry.worker.google.GoogleErrors;
import dev.vidferry.worker.google.ResumableUpload;
import dev.vidferry.worker.job.LeaseLostException;
import dev.vidferry.worker.progress.ProgressTracker;

/**
 * Connects a {@link SessionStreamer} to one job: Drive through a {@link DriveReader}, YouTube through the session,
 * confirmed offsets saved (fenced) and reported as progress, and the in-place retry policy of both links
 * ({@code chunk-retries} in a row, full-jitter pauses from {@code chunk-retry-backoff}, at most 30 s).
 */
final class StreamBridge {

    private static final Duration MAX_IN_PLACE_PAUSE = Duration.ofSeconds(30);

    /** What the bridge asks of the transfer around it. */
    interface Control {

        /** Throws when the job must stop (cancel, shutdown, lease lost). */
        void checkStillOurs();

        /** A test-only debug pause point. */
        void pause(String point);

        /** A fenced write found that the user asked to cancel. */
        void cancelSeen();

        /** True once the PUT in flight must be cut off. */
        boolean aborted();
    }

    private final ClaimedJob job;
    private final TransferContext ctx;
    private final ProgressTracker progress;
    private final JobOutcomes outcomes;
    private final Control control;
    private long counted;

    StreamBridge(ClaimedJob job, TransferContext ctx, ProgressTracker progress, JobOutcomes outcomes, Control control) {
        this.job = job;
        this.ctx = ctx;
        this.progress = progress;
        this.outcomes = outcomes;
        this.control = control;
    }

    /**
     * Streams the file into the session from {@code offset}; Drive is read from byte 0 (a resumed stream re-reads the
     * confirmed prefix for the digest). {@code register} gets the reader so a cancel can close it.
     */
    SessionStreamer.Result stream(Drive drive, ResumableUpload upload, String session, long offset, long total,
            String contentType, Consumer<DriveReader> register, Supplier<String> message) throws IOException {
        DriveReader reader = new DriveReader(DriveReader.media(drive, job.driveFileId()), this::driveReadFailed, 0,
                total);
        register.accept(reader);
        if (control.aborted()) {
            reader.close();
        }
        SessionStreamer.Source source = new SessionStreamer.Source() {

            @Override
            public void readFully(byte[] buffer, int off, int length) throws IOException {
                reader.readFully(buffer, off, length);
            }

            @Override
            public void close() {
                reader.close();
            }
        };
        SessionStreamer.Sink sink = new SessionStreamer.Sink() {

            @Override
            public ResumableUpload.State put(byte[] buffer, int off, int length, long first) throws IOException {
                return upload.put(session, buffer, off, length, first, total, contentType, control::aborted);
            }

            @Override
            public ResumableUpload.State query() throws IOException {
                return upload.query(session, total);
            }
        };
        counted = offset;
        try {
            SessionStreamer.Result result = new SessionStreamer(ctx.chunkSize(), new Hooks(message)).stream(source,
                    sink, offset, total);
            ctx.metrics().uploaded(total - counted);
            return result;
        } catch (SessionStreamer.SessionGone e) {
            outcomes.held(ctx.repository().forgetSession(job.fence()));
            throw e;
        } finally {
            if (reader.reopens() > 0) {
                Log.infof("job %s: Drive reads were reopened %d times in place", job.id(), reader.reopens());
            }
        }
    }

    /** After a failed Drive read: pause and reopen (transient, within {@code chunk-retries} in a row) or give up. */
    private void driveReadFailed(IOException error, int failures) throws IOException {
        control.checkStillOurs();
        Failure failure = GoogleErrors.classify(error, GoogleErrors.Api.DRIVE, ctx.clock());
        if (failure.kind() != Failure.Kind.RETRY || failures > ctx.config().chunkRetries()) {
            throw new TransferSignals.SourceFailure(error);
        }
        Duration pause = jitter(ctx.config().chunkRetryBackoff(), failures - 1, MAX_IN_PLACE_PAUSE);
        Log.infof("job %s: Drive read failed (%s), reopening in place, retry %d in %d ms", job.id(), failure.message(),
                failures, pause.toMillis());
        sleep(pause);
        control.checkStillOurs();
    }

    /** Ownership checks, confirmed offsets and in-place PUT retries for the streamer. */
    private final class Hooks implements SessionStreamer.Hooks {

        private final Supplier<String> message;

        Hooks(Supplier<String> message) {
            this.message = message;
        }

        @Override
        public void checkStillOurs() {
            control.checkStillOurs();
        }

        @Override
        public void confirmed(long next, long taken, int chunks) {
            ctx.metrics().uploaded(taken);
            counted += taken;
            heldLease(ctx.repository().saveOffset(job.fence(), next));
            progress.bytesConfirmed(next, message.get());
            if (progress.cancelRequested()) {
                control.cancelSeen();
            }
            if (chunks == 2) {
                control.pause(DebugPause.BETWEEN_CHUNKS);
            }
        }

        /** A transient failure (5xx, 429, rate limit, network) is retried in place up to {@code chunk-retries}. */
        @Override
        public void putFailed(IOException error, int failures) throws IOException {
            Failure failure = GoogleErrors.classify(error, GoogleErrors.Api.YOUTUBE, ctx.clock());
            if (failure.kind() != Failure.Kind.RETRY || failures > ctx.config().chunkRetries()) {
                throw error;
            }
            Duration pause = jitter(ctx.config().chunkRetryBackoff(), failures - 1, MAX_IN_PLACE_PAUSE);
            Log.infof("job %s: chunk PUT failed (%s), retry %d in %d ms", job.id(), failure.message(), failures,
                    pause.toMillis());
            sleep(pause);
        }
    }

    private void heldLease(Uni<Lease> write) {
        Lease lease = write.await().atMost(JobOutcomes.DB_TIMEOUT);
        if (lease == Lease.LOST) {
            throw new LeaseLostException(job.fence());
        }
        if (lease == Lease.CANCEL_REQUESTED) {
            control.cancelSeen();
        }
    }

    /** Full jitter: a random pause between 0 and {@code min(max, base * 2^exponent)}. */
    static Duration jitter(Duration base, int exponent, Duration max) {
        long cap = Math.min(max.toMillis(), base.toMillis() * (1L << Math.min(30, Math.max(0, exponent))));
        return Duration.ofMillis(ThreadLocalRandom.current().nextLong(Math.max(0, cap) + 1));
    }

    static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransferSignals.StopRequested();
        }
    }
}
