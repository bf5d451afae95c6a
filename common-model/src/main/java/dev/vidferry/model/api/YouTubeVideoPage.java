package dev.vidferry.model.api;

import java.util.List;

/**
 * One page of the caller's uploads, newest first.
 *
 * @param items the videos
 * @param nextPageToken pass as {@code pageToken} for the next page; null on the last
 * @param totalResults uploads in the playlist, if YouTube says
 */
public record YouTubeVideoPage(List<YouTubeVideoItem> items, String nextPageToken, Integer totalResults) {
}
