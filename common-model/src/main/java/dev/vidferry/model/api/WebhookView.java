package dev.vidferry.model.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A webhook of the caller.
 *
 * @param id the hook
 * @param url target URL
 * @param events subscribed job events
 * @param status {@code active}, or {@code disabled} after too many consecutive failed deliveries
 * @param consecutiveFailures deliveries that failed for good since the last success
 * @param createdAt when registered
 * @param disabledAt when disabled, else null
 * @param secret the signing secret ({@code whsec_<base64>}): only in the answer of the creation, null afterwards
 */
public record WebhookView(UUID id, String url, List<String> events, String status, int consecutiveFailures,
        Instant createdAt, Instant disabledAt, String secret) {
}
