package dev.vidferry.model.job;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Lifecycle state of an upload job. Serialised in lower case (`pending`, `uploading`, ...). */
public enum JobStatus {

    /** Waiting for a worker to claim it. */
    PENDING,
    /** Claimed by a worker; reading Drive metadata and the first bytes. */
    DOWNLOADING,
    /** Streaming bytes from Drive into a YouTube resumable upload session. */
    UPLOADING,
    /** Parked until {@code nextAttemptAt} (quota exhausted, channel upload cap, back-off). */
    DEFERRED,
    /** Finished: the video exists on YouTube. Terminal. */
    COMPLETED,
    /** Finished without a video; {@code errorCode} says why. Can be retried by the user. */
    FAILED,
    /** Stopped by the user. Can be retried by the user. */
    CANCELLED;

    /** The wire name, e.g. {@code "pending"}. */
    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a wire name (case-insensitive); throws {@link IllegalArgumentException} for unknown values. */
    @JsonCreator
    public static JobStatus fromWire(String value) {
        if (value == null) {
            throw new IllegalArgumentException("status must not be null");
        }
        return valueOf(value.trim().toUpperCase(Locale.ROOT));
    }

    /** True when a worker holds (or held) a lease on the job and bytes may be moving. */
    public boolean isRunning() {
        return this == DOWNLOADING || this == UPLOADING;
    }

    /** True when no worker will touch the job again unless a user retries it. */
    public boolean isFinished() {
        return this == COMPLETED || this == FAILED || this == CANCELLED;
    }
}
