package dev.vidferry.emulator.youtube;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.vidferry.emulator.auth.User;
import dev.vidferry.emulator.http.Json;

/** Videos, upload sessions and playlists. */
public final class YouTubeStore {

    private static final String ID_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, Video> videos = new ConcurrentHashMap<>();
    private final Map<String, UploadSession> sessions = new ConcurrentHashMap<>();
    private final Map<String, Playlist> playlists = new ConcurrentHashMap<>();

    public void reset() {
        videos.clear();
        sessions.clear();
        playlists.clear();
    }

    static String randomId(int length) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < length; i++) {
            sb.append(ID_CHARS.charAt(RANDOM.nextInt(ID_CHARS.length())));
        }
        return sb.toString();
    }

    public static String newVideoId() {
        return randomId(11);
    }

    public static String newUploadId() {
        return "AUxB" + randomId(60);
    }

    public void add(Video v) {
        videos.put(v.id, v);
    }

    public Video video(String id) {
        return videos.get(id);
    }

    public Video removeVideo(String id) {
        return videos.remove(id);
    }

    public Collection<Video> videos() {
        return videos.values();
    }

    public void add(UploadSession s) {
        sessions.put(s.id, s);
    }

    public UploadSession session(String id) {
        return id == null ? null : sessions.get(id);
    }

    public Collection<UploadSession> sessions() {
        return sessions.values();
    }

    public Playlist addPlaylist(String channelId, String title, String description, String privacy, Instant now) {
        Playlist p = new Playlist("PL" + randomId(32), channelId, title, description, privacy, now,
                new CopyOnWriteArrayList<>());
        playlists.put(p.id(), p);
        return p;
    }

    public Playlist playlist(String id) {
        return playlists.get(id);
    }

    public List<Playlist> playlistsOf(String channelId) {
        return playlists.values().stream().filter(p -> p.channelId().equals(channelId))
                .sorted(java.util.Comparator.comparing(Playlist::publishedAt)).toList();
    }

    /** The Video resource as YouTube returns it, limited to the requested parts. */
    public static ObjectNode videoJson(Video v, User owner, java.util.Set<String> parts) {
        ObjectNode out = Json.object().put("kind", "youtube#video").put("etag", etag(v.id + v.snippet + v.status))
                .put("id", v.id);
        if (parts.contains("snippet")) {
            ObjectNode s = v.snippet.deepCopy();
            s.put("publishedAt", v.publishedAt.toString()).put("channelId", v.channelId);
            ObjectNode thumbs = s.putObject("thumbnails");
            thumb(thumbs, "default", v.id, 120, 90);
            thumb(thumbs, "medium", v.id, 320, 180);
            thumb(thumbs, "high", v.id, 480, 360);
            s.put("channelTitle", owner != null ? owner.channelTitle : "");
            s.put("liveBroadcastContent", "none");
            ObjectNode localized = s.putObject("localized");
            localized.put("title", v.snippet.path("title").asText());
            localized.put("description", v.snippet.path("description").asText(""));
            out.set("snippet", s);
        }
        if (parts.contains("status")) {
            ObjectNode st = v.status.deepCopy();
            st.put("uploadStatus", "uploaded");
            out.set("status", st);
        }
        if (parts.contains("localizations") && v.localizations != null) {
            out.set("localizations", v.localizations.deepCopy());
        }
        if (parts.contains("recordingDetails")) {
            out.set("recordingDetails", v.recordingDetails != null ? v.recordingDetails.deepCopy() : Json.object());
        }
        if (parts.contains("contentDetails")) {
            out.putObject("contentDetails").put("duration", "PT0S").put("dimension", "2d").put("definition", "hd")
                    .put("caption", "false").put("licensedContent", false).put("projection", "rectangular");
        }
        if (parts.contains("fileDetails")) {
            out.putObject("fileDetails").put("fileSize", String.valueOf(v.size)).put("fileType", "video")
                    .put("container", v.mimeType);
        }
        if (parts.contains("processingDetails")) {
            out.putObject("processingDetails").put("processingStatus", "succeeded");
        }
        return out;
    }

    private static void thumb(ObjectNode thumbs, String name, String id, int w, int h) {
        thumbs.putObject(name).put("url", "https://i.ytimg.com/vi/" + id + "/" + name + ".jpg").put("width", w)
                .put("height", h);
    }

    public static String etag(String seed) {
        return Integer.toHexString(seed.hashCode()) + "emu";
    }

    public static ObjectNode listResponse(String kind, ArrayNode items) {
        ObjectNode out = Json.object().put("kind", kind).put("etag", etag(kind + items.size()));
        out.putObject("pageInfo").put("totalResults", items.size()).put("resultsPerPage", items.size());
        out.set("items", items);
        return out;
    }

    /** A playlist and its video ids. */
    public record Playlist(String id, String channelId, String title, String description, String privacy,
            Instant publishedAt, List<String> items) {
    }
}
