package dev.vidferry.model.api;

import java.time.Instant;

/**
 * A YouTube video visible to the caller.
 *
 * @param id video id
 * @param channelId its channel
 * @param title title
 * @param description description
 * @param privacyStatus {@code public}, {@code unlisted} or {@code private}
 * @param uploadStatus e.g. {@code uploaded}, {@code processed}
 * @param publishedAt publication time
 */
public record YouTubeVideoView(String id, String channelId, String title, String description, String privacyStatus,
        String uploadStatus, Instant publishedAt) {
}
