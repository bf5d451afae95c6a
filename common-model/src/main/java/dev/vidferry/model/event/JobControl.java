package dev.vidferry.model.event;

import java.time.Instant;
import java.util.UUID;

/**
 * Payload of {@code upload-job.control}: a signal every worker reads. Today: {@code cancel}.
 *
 * @param jobId the job
 * @param action {@code cancel}
 */
public record JobControl(UUID jobId, String action) {

    public static final String CANCEL = "cancel";

    /** This signal in its envelope (a fresh event id), as published on {@code upload-job.control}. */
    public EventEnvelope<JobControl> envelope(Instant occurredAt) {
        return EventEnvelope.of(EventTypes.JOB_CANCEL_REQUESTED, jobId, occurredAt, this);
    }
}
