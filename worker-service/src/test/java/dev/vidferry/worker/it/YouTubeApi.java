package dev.vidferry.worker.it;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/** What a channel owner sees on the emulated YouTube (its own token with the youtube.force-ssl scope). */
final class YouTubeApi {

    static final String FORCE_SSL = "https://www.googleapis.com/auth/youtube.force-ssl";
    /** vidferry's scopes plus the one the after-upload steps need. */
    static final String WITH_AFTER_UPLOAD = "https://www.googleapis.com/auth/drive.readonly "
            + "https://www.googleapis.com/auth/youtube.upload https://www.googleapis.com/auth/youtube.readonly "
            + FORCE_SSL;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final String token;

    private YouTubeApi(String token) {
        this.token = token;
    }

    static YouTubeApi as(String username) {
        return new YouTubeApi(Emulator.client().issueTokens(username, null, FORCE_SSL).get("accessToken").asText());
    }

    /** playlists.insert; returns the id. */
    String createPlaylist(String title) {
        return send("POST", "/youtube/v3/playlists?part=snippet,status",
                "{\"snippet\":{\"title\":\"" + title + "\"},\"status\":{\"privacyStatus\":\"private\"}}")
                .path("id").asText();
    }

    /** The channel's playlists titled {@code title}. */
    List<String> playlistsTitled(String title) {
        List<String> ids = new ArrayList<>();
        send("GET", "/youtube/v3/playlists?part=snippet&mine=true&maxResults=50", null).path("items")
                .forEach(p -> {
                    if (title.equals(p.path("snippet").path("title").asText())) {
                        ids.add(p.path("id").asText());
                    }
                });
        return ids;
    }

    /** The video ids in the playlist, in order. */
    List<String> playlistVideos(String playlistId) {
        List<String> ids = new ArrayList<>();
        send("GET", "/youtube/v3/playlistItems?part=snippet&maxResults=50&playlistId="
                + URLEncoder.encode(playlistId, StandardCharsets.UTF_8), null).path("items")
                .forEach(i -> ids.add(i.path("snippet").path("resourceId").path("videoId").asText()));
        return ids;
    }

    /** videos.list of one video with {@code parts} (comma-separated), as the owner sees it. */
    JsonNode video(String videoId, String parts) {
        return send("GET", "/youtube/v3/videos?part=" + parts + "&id=" + videoId, null).path("items").path(0);
    }

    void addToPlaylist(String playlistId, String videoId) {
        send("POST", "/youtube/v3/playlistItems?part=snippet", "{\"snippet\":{\"playlistId\":\"" + playlistId
                + "\",\"resourceId\":{\"kind\":\"youtube#video\",\"videoId\":\"" + videoId + "\"}}}");
    }

    private JsonNode send(String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(Emulator.client().baseUrl() + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .method(method, body == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": "
                        + response.body());
            }
            return Jobs.JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
