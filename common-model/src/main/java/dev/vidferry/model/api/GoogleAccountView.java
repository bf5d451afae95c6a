package dev.vidferry.model.api;

import java.time.Instant;
import java.util.List;

/**
 * The caller's Google connection, without any token.
 *
 * @param status {@code not_connected}, {@code active}, {@code reconnect_required} (with {@code statusReason}) or
 *        {@code revoked} (see {@link GoogleAccountStatus})
 * @param statusReason why it needs reconnecting, if it does
 * @param scopes granted OAuth scopes
 * @param email Google account email, when known
 * @param channelId YouTube channel id, when known
 * @param channelTitle YouTube channel title, when known
 * @param connectedAt when the account was first connected
 * @param updatedAt last change
 */
public record GoogleAccountView(String status, String statusReason, List<String> scopes, String email,
        String channelId, String channelTitle, Instant connectedAt, Instant updatedAt) {

    /** The view of a caller who has not connected Google. */
    public static GoogleAccountView notConnected() {
        return new GoogleAccountView("not_connected", null, List.of(), null, null, null, null, null);
    }
}
