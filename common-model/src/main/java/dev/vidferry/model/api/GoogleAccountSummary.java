package dev.vidferry.model.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One of the caller's connected Google accounts (a YouTube channel), without any token.
 *
 * @param id the account's id, what a job's {@code googleAccountId} names
 * @param isDefault whether jobs without {@code googleAccountId} use it
 * @param status {@code active} or {@code reconnect_required} (see {@link GoogleAccountStatus})
 * @param statusReason why it needs reconnecting, if it does (e.g. {@code scope-missing: ...})
 * @param scopes granted OAuth scopes
 * @param missingScopes scopes vidferry needs that were not granted
 * @param email Google account email, when known
 * @param channelId YouTube channel id
 * @param channelTitle YouTube channel title
 * @param connectedAt when the account was first connected
 * @param updatedAt last change
 */
public record GoogleAccountSummary(UUID id, boolean isDefault, String status, String statusReason,
        List<String> scopes, List<String> missingScopes, String email, String channelId, String channelTitle,
        Instant connectedAt, Instant updatedAt) {
}
