package dev.vidferry.worker.transfer;

import java.io.IOException;
import java.time.Instant;

import dev.vidferry.model.job.ErrorCode;

/** The ways a transfer stops short, thrown through the stream and sorted by {@link JobOutcomes}. */
final class TransferSignals {

    private TransferSignals() {
    }

    /** A problem a retry cannot fix. */
    static final class Terminal extends RuntimeException {

        final ErrorCode code;

        Terminal(ErrorCode code, String message) {
            super(message);
            this.code = code;
        }
    }

    /** The job must wait (shared quota used up) without spending an attempt. */
    static final class Deferral extends RuntimeException {

        final ErrorCode code;
        final Instant until;

        Deferral(ErrorCode code, String message, Instant until) {
            super(message);
            this.code = code;
            this.until = until;
        }
    }

    /** The user cancelled the job. */
    static final class CancelRequested extends RuntimeException {

        CancelRequested() {
            super("cancel requested");
        }
    }

    /** Shutdown asked the transfer to stop. */
    static final class StopRequested extends RuntimeException {

        StopRequested() {
            super("stop requested");
        }
    }

    /** Reading Drive failed for good (not retryable, or retried in place too often): classified as a Drive error. */
    static final class SourceFailure extends IOException {

        SourceFailure(IOException cause) {
            super(cause.getMessage(), cause);
        }
    }
}
