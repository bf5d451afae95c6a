package dev.vidferry.worker.google;

import java.time.Instant;

import dev.vidferry.model.job.ErrorCode;

/**
 * What to do with a job after an error.
 *
 * @param kind fail for good, release for another attempt after back-off, or defer until {@code until}
 * @param code the error code users see
 * @param message a human line (never a token)
 * @param until for {@link Kind#DEFER}: when to try again
 */
public record Failure(Kind kind, ErrorCode code, String message, Instant until) {

    public enum Kind {
        FAIL, RETRY, DEFER
    }

    public static Failure fail(ErrorCode code, String message) {
        return new Failure(Kind.FAIL, code, message, null);
    }

    public static Failure retry(String message) {
        return new Failure(Kind.RETRY, ErrorCode.TRANSIENT, message, null);
    }

    public static Failure defer(ErrorCode code, String message, Instant until) {
        return new Failure(Kind.DEFER, code, message, until);
    }
}
