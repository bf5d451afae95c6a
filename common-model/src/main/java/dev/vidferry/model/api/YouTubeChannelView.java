package dev.vidferry.model.api;

/**
 * The caller's YouTube channel.
 *
 * @param id channel id ({@code UC...})
 * @param title channel title
 * @param customUrl handle, e.g. {@code @alice}
 * @param uploadsPlaylistId the playlist of the channel's uploads ({@code GET /api/v1/youtube/videos} reads it)
 */
public record YouTubeChannelView(String id, String title, String customUrl, String uploadsPlaylistId) {
}
