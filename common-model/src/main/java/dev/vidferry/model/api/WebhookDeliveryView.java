package dev.vidferry.model.api;

import java.time.Instant;
import java.util.UUID;

/**
 * One event sent (or being sent) to a webhook.
 *
 * @param id the delivery; also the {@code webhook-id} header, the same on every attempt
 * @param eventId the CloudEvent's {@code id} (the Kafka event's id)
 * @param eventType the CloudEvent's {@code type}, {@code dev.vidferry.job.progress.v1} (the status is in its data)
 * @param jobId the job (the CloudEvent's {@code subject})
 * @param status {@code pending} (will be tried, again), {@code delivered} (a 2xx answer) or {@code failed} (gave up)
 * @param attempts attempts so far
 * @param lastStatusCode HTTP status of the last attempt, null when none arrived
 * @param lastError why the last attempt failed, null after a success
 * @param createdAt when the event was queued for this hook
 * @param lastAttemptAt when it was last tried
 * @param nextAttemptAt when it is tried next while pending
 * @param deliveredAt when a 2xx arrived
 */
public record WebhookDeliveryView(UUID id, UUID eventId, String eventType, UUID jobId, String status, int attempts,
        Integer lastStatusCode, String lastError, Instant createdAt, Instant lastAttemptAt, Instant nextAttemptAt,
        Instant deliveredAt) {
}
