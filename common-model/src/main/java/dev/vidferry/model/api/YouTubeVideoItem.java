package dev.vidferry.model.api;

import java.time.Instant;

/**
 * One upload of the caller's channel (an item of its uploads playlist).
 *
 * @param id video id
 * @param title the video's title
 * @param position position in the uploads playlist (0 = newest)
 * @param publishedAt when it was added, if YouTube says
 */
public record YouTubeVideoItem(String id, String title, long position, Instant publishedAt) {
}
