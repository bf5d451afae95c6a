package dev.vidferry.model.event;

import java.util.UUID;

/**
 * Payload of {@code upload-job.control}: a signal every worker reads. Today: {@code cancel}.
 *
 * @param jobId the job
 * @param action {@code cancel}
 */
public record JobControl(UUID jobId, String action) {

    public static final String CANCEL = "cancel";
}
