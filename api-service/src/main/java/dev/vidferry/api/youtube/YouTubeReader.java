package dev.vidferry.api.youtube;

import java.io.IOException;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.google.api.client.util.DateTime;
import com.google.api.services.youtube.YouTube;
import com.google.api.services.youtube.model.Channel;
import com.google.api.services.youtube.model.PlaylistItem;
import com.google.api.services.youtube.model.PlaylistItemListResponse;
import com.google.api.services.youtube.model.Video;
import com.google.auth.oauth2.UserCredentials;

import dev.vidferry.api.common.ApiException;
import dev.vidferry.api.common.GoogleFailures;
import dev.vidferry.model.api.YouTubeChannelView;
import dev.vidferry.model.api.YouTubeVideoItem;
import dev.vidferry.model.api.YouTubeVideoPage;
import dev.vidferry.model.api.YouTubeVideoView;
import dev.vidferry.platform.google.GoogleApis;

/**
 * The YouTube Data API calls of browsing (blocking: call them on a worker thread), each one list call of 1 unit.
 * Uploads come from the channel's uploads playlist ({@code playlistItems.list}), never from {@code search.list}.
 */
@ApplicationScoped
public class YouTubeReader {

    private final GoogleApis apis;

    public YouTubeReader(GoogleApis apis) {
        this.apis = apis;
    }

    /** {@code channels.list?mine=true}; no channel: 409. */
    public YouTubeChannelView channel(UserCredentials credentials) {
        try {
            List<Channel> items = apis.youtube(credentials).channels().list(List.of("snippet", "contentDetails"))
                    .setMine(true).execute().getItems();
            if (items == null || items.isEmpty()) {
                throw noChannel();
            }
            Channel c = items.get(0);
            String uploads = c.getContentDetails() == null || c.getContentDetails().getRelatedPlaylists() == null
                    ? null
                    : c.getContentDetails().getRelatedPlaylists().getUploads();
            return new YouTubeChannelView(c.getId(), c.getSnippet() == null ? null : c.getSnippet().getTitle(),
                    c.getSnippet() == null ? null : c.getSnippet().getCustomUrl(), uploads);
        } catch (IOException e) {
            throw GoogleFailures.of(e, "YouTube", YouTubeReader::noChannel);
        }
    }

    /** One page of {@code playlistId} ({@code playlistItems.list}). */
    public YouTubeVideoPage uploads(UserCredentials credentials, String playlistId, String pageToken, int pageSize) {
        try {
            PlaylistItemListResponse page = apis.youtube(credentials).playlistItems()
                    .list(List.of("snippet", "contentDetails")).setPlaylistId(playlistId)
                    .setMaxResults((long) pageSize).setPageToken(pageToken).execute();
            List<YouTubeVideoItem> items = page.getItems() == null
                    ? List.of()
                    : page.getItems().stream().map(YouTubeReader::item).toList();
            return new YouTubeVideoPage(items, page.getNextPageToken(),
                    page.getPageInfo() == null ? null : page.getPageInfo().getTotalResults());
        } catch (com.google.api.client.googleapis.json.GoogleJsonResponseException e) {
            if (e.getStatusCode() == 400 && pageToken != null) {
                throw ApiException.badRequest("pageToken", "invalidPageToken",
                        "pageToken is not one this listing handed out");
            }
            throw GoogleFailures.of(e, "YouTube", () -> ApiException.notFound("The uploads playlist"));
        } catch (IOException e) {
            throw GoogleFailures.of(e, "YouTube", () -> ApiException.notFound("The uploads playlist"));
        }
    }

    /** {@code videos.list?id=}: the video if the caller may see it, else 404. */
    public YouTubeVideoView video(UserCredentials credentials, String videoId) {
        try {
            List<Video> items = apis.youtube(credentials).videos().list(List.of("snippet", "status"))
                    .setId(List.of(videoId)).execute().getItems();
            if (items == null || items.isEmpty()) {
                throw ApiException.notFound("YouTube video");
            }
            Video v = items.get(0);
            var snippet = v.getSnippet();
            var status = v.getStatus();
            return new YouTubeVideoView(v.getId(), snippet == null ? null : snippet.getChannelId(),
                    snippet == null ? null : snippet.getTitle(), snippet == null ? null : snippet.getDescription(),
                    status == null ? null : status.getPrivacyStatus(), status == null ? null : status.getUploadStatus(),
                    snippet == null ? null : instant(snippet.getPublishedAt()));
        } catch (IOException e) {
            throw GoogleFailures.of(e, "YouTube", () -> ApiException.notFound("YouTube video"));
        }
    }

    private static YouTubeVideoItem item(PlaylistItem item) {
        String videoId = item.getContentDetails() != null && item.getContentDetails().getVideoId() != null
                ? item.getContentDetails().getVideoId()
                : item.getSnippet() != null && item.getSnippet().getResourceId() != null
                        ? item.getSnippet().getResourceId().getVideoId()
                        : null;
        var snippet = item.getSnippet();
        return new YouTubeVideoItem(videoId, snippet == null ? null : snippet.getTitle(),
                snippet == null || snippet.getPosition() == null ? 0 : snippet.getPosition(),
                snippet == null ? null : instant(snippet.getPublishedAt()));
    }

    private static Instant instant(DateTime time) {
        return time == null ? null : Instant.ofEpochMilli(time.getValue());
    }

    private static ApiException noChannel() {
        return ApiException.conflict("youtube-channel-missing",
                "Your Google account has no YouTube channel: create one, then try again");
    }
}
