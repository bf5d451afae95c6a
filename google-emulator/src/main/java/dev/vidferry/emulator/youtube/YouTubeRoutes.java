package dev.vidferry.emulator.youtube;

import java.util.Arrays;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

import dev.vidferry.emulator.EmulatorState;
import dev.vidferry.emulator.auth.AccessToken;
import dev.vidferry.emulator.auth.Scopes;
import dev.vidferry.emulator.auth.User;
import dev.vidferry.emulator.control.Faults;
import dev.vidferry.emulator.http.GoogleError;
import dev.vidferry.emulator.http.Json;

/** YouTube Data v3 JSON methods: videos.list/delete, channels.list, playlists.list/insert, playlistItems.list/insert. */
public final class YouTubeRoutes {

    private final EmulatorState state;
    private final YouTubeStore store;

    public YouTubeRoutes(EmulatorState state) {
        this.state = state;
        this.store = state.youtube();
    }

    public void mount(Router router) {
        BodyHandler body = BodyHandler.create().setBodyLimit(1 << 20);
        router.get("/youtube/v3/videos").handler(this::listVideos);
        router.delete("/youtube/v3/videos").handler(this::deleteVideo);
        router.get("/youtube/v3/channels").handler(this::listChannels);
        router.get("/youtube/v3/playlists").handler(this::listPlaylists);
        router.post("/youtube/v3/playlists").handler(body).handler(this::insertPlaylist);
        router.get("/youtube/v3/playlistItems").handler(this::listPlaylistItems);
        router.get("/youtube/v3/videoCategories").handler(this::listCategories);
        router.post("/youtube/v3/playlistItems").handler(body).handler(this::insertPlaylistItem);
    }

    private AccessToken begin(RoutingContext ctx, Set<String> scopes, String method) {
        AccessToken token = state.authenticate(ctx, scopes);
        state.quota().charge(token.clientId(), method);
        Faults.Fault fault = state.faults().take(Faults.Target.API);
        if (fault != null) {
            throw GoogleError.serverError(fault.status() > 0 ? fault.status() : 500).failure();
        }
        return token;
    }

    private void listVideos(RoutingContext ctx) {
        AccessToken token = begin(ctx, Scopes.YT_READ, "videos.list");
        Set<String> parts = Videos.parts(Videos.listParam(ctx, "part"));
        String ids = Videos.listParam(ctx, "id");
        ArrayNode items = Json.array();
        if (ids != null) {
            Arrays.stream(ids.split(",")).map(String::trim).map(store::video).filter(v -> v != null)
                    .filter(v -> visible(v, token))
                    .forEach(v -> items.add(YouTubeStore.videoJson(v, state.accounts().user(v.owner), parts)));
        } else if (!"true".equals(ctx.request().getParam("myRating")) && ctx.request().getParam("chart") == null) {
            throw GoogleError.badRequest("missingRequiredParameter", "No filter selected. Expected one of: chart, id, "
                    + "myRating").failure();
        }
        Json.send(ctx, 200, YouTubeStore.listResponse("youtube#videoListResponse", items));
    }

    private boolean visible(Video v, AccessToken token) {
        return !"private".equals(v.status.path("privacyStatus").asText())
                || (token.user() != null && token.user().channelId.equals(v.channelId));
    }

    private void deleteVideo(RoutingContext ctx) {
        AccessToken token = begin(ctx, Scopes.YT_MANAGE, "videos.delete");
        User user = EmulatorState.userOf(token);
        Video v = store.video(String.valueOf(ctx.request().getParam("id")));
        if (v == null) {
            throw new GoogleError(404, "videoNotFound", "youtube.video", "The video identified by the <code>id</code> "
                    + "parameter could not be found.", "id", "parameter").failure();
        }
        if (!v.channelId.equals(user.channelId)) {
            throw GoogleError.of(403, "forbidden", "youtube.video", "The video that you are trying to delete cannot be "
                    + "deleted. The request might not be properly authorized.").failure();
        }
        store.removeVideo(v.id);
        ctx.response().setStatusCode(204).end();
    }

    private void listChannels(RoutingContext ctx) {
        AccessToken token = begin(ctx, Scopes.YT_READ, "channels.list");
        Set<String> parts = Videos.parts(Videos.listParam(ctx, "part"));
        ArrayNode items = Json.array();
        if ("true".equals(ctx.request().getParam("mine"))) {
            if (EmulatorState.userOf(token).hasChannel) {
                items.add(channelJson(EmulatorState.userOf(token), parts));
            }
        } else if (Videos.listParam(ctx, "id") != null) {
            Set<String> ids = Set.of(Videos.listParam(ctx, "id").split(","));
            state.accounts().users().stream().filter(u -> ids.contains(u.channelId))
                    .forEach(u -> items.add(channelJson(u, parts)));
        } else {
            throw GoogleError.badRequest("missingRequiredParameter", "No filter selected. Expected one of: mine, id, "
                    + "forHandle, forUsername, managedByMe, categoryId").failure();
        }
        Json.send(ctx, 200, YouTubeStore.listResponse("youtube#channelListResponse", items));
    }

    private ObjectNode channelJson(User u, Set<String> parts) {
        ObjectNode c = Json.object().put("kind", "youtube#channel").put("etag", YouTubeStore.etag(u.channelId))
                .put("id", u.channelId);
        if (parts.contains("snippet")) {
            c.putObject("snippet").put("title", u.channelTitle).put("description", "")
                    .put("customUrl", "@" + u.username).put("publishedAt", "2020-01-01T00:00:00Z");
        }
        if (parts.contains("contentDetails")) {
            c.putObject("contentDetails").putObject("relatedPlaylists").put("likes", "LL")
                    .put("uploads", u.uploadsPlaylistId());
        }
        if (parts.contains("status")) {
            c.putObject("status").put("privacyStatus", "public").put("isLinked", true)
                    .put("longUploadsStatus", u.channelVerified ? "allowed" : "eligible")
                    .put("madeForKids", false);
        }
        if (parts.contains("statistics")) {
            long count = store.videos().stream().filter(v -> v.channelId.equals(u.channelId)).count();
            c.putObject("statistics").put("viewCount", "0").put("subscriberCount", "0")
                    .put("hiddenSubscriberCount", false).put("videoCount", String.valueOf(count));
        }
        return c;
    }

    private void listPlaylists(RoutingContext ctx) {
        AccessToken token = begin(ctx, Scopes.YT_READ, "playlists.list");
        Set<String> parts = Videos.parts(Videos.listParam(ctx, "part"));
        ArrayNode items = Json.array();
        if ("true".equals(ctx.request().getParam("mine"))) {
            java.util.List<YouTubeStore.Playlist> mine = store.playlistsOf(EmulatorState.userOf(token).channelId);
            int pageSize = maxResults(ctx);
            int start = pageStart(ctx, mine.size());
            int end = Math.min(mine.size(), start + pageSize);
            mine.subList(start, end).forEach(p -> items.add(playlistJson(p, parts)));
            ObjectNode page = YouTubeStore.listResponse("youtube#playlistListResponse", items);
            ((ObjectNode) page.get("pageInfo")).put("totalResults", mine.size()).put("resultsPerPage", pageSize);
            if (end < mine.size()) {
                page.put("nextPageToken", "EAAa" + end);
            }
            Json.send(ctx, 200, page);
            return;
        } else if (Videos.listParam(ctx, "id") != null) {
            Arrays.stream(Videos.listParam(ctx, "id").split(",")).map(store::playlist).filter(p -> p != null)
                    .forEach(p -> items.add(playlistJson(p, parts)));
        } else {
            throw GoogleError.badRequest("missingRequiredParameter", "No filter selected. Expected one of: mine, id, "
                    + "channelId").failure();
        }
        Json.send(ctx, 200, YouTubeStore.listResponse("youtube#playlistListResponse", items));
    }

    private void insertPlaylist(RoutingContext ctx) {
        AccessToken token = begin(ctx, Scopes.YT_MANAGE, "playlists.insert");
        Set<String> parts = Videos.parts(Videos.listParam(ctx, "part"));
        User user = EmulatorState.userOf(token);
        ObjectNode body = Json.parseObject(ctx.body().buffer());
        String title = body.path("snippet").path("title").asText("");
        if (title.isBlank()) {
            throw GoogleError.of(400, "playlistTitleRequired", "youtube.playlist", "The request must specify a playlist "
                    + "title.").failure();
        }
        if (title.length() > 150 || title.indexOf('<') >= 0 || title.indexOf('>') >= 0) {
            throw GoogleError.of(400, "invalidPlaylistSnippet", "youtube.playlist", "The request provides an invalid "
                    + "playlist snippet.").failure();
        }
        YouTubeStore.Playlist p = store.addPlaylist(user.channelId, title,
                body.path("snippet").path("description").asText(""),
                body.path("status").path("privacyStatus").asText("public"), state.clock().now());
        Json.send(ctx, 200, playlistJson(p, parts));
    }

    private ObjectNode playlistJson(YouTubeStore.Playlist p, Set<String> parts) {
        ObjectNode o = Json.object().put("kind", "youtube#playlist").put("etag", YouTubeStore.etag(p.id()))
                .put("id", p.id());
        if (parts.contains("snippet")) {
            o.putObject("snippet").put("publishedAt", p.publishedAt().toString()).put("channelId", p.channelId())
                    .put("title", p.title()).put("description", p.description());
        }
        if (parts.contains("status")) {
            o.putObject("status").put("privacyStatus", p.privacy());
        }
        if (parts.contains("contentDetails")) {
            o.putObject("contentDetails").put("itemCount", p.items().size());
        }
        return o;
    }

    private void listPlaylistItems(RoutingContext ctx) {
        AccessToken token = begin(ctx, Scopes.YT_READ, "playlistItems.list");
        Set<String> parts = Videos.parts(Videos.listParam(ctx, "part"));
        String playlistId = String.valueOf(ctx.request().getParam("playlistId"));
        ArrayNode items = Json.array();
        java.util.List<String> videoIds;
        String channelId;
        if (playlistId.startsWith("UU")) {
            channelId = "UC" + playlistId.substring(2);
            videoIds = store.videos().stream().filter(v -> v.channelId.equals(channelId))
                    .sorted(java.util.Comparator.comparing((Video v) -> v.publishedAt).reversed()).map(v -> v.id)
                    .toList();
        } else {
            YouTubeStore.Playlist p = store.playlist(playlistId);
            if (p == null) {
                throw playlistNotFound();
            }
            channelId = p.channelId();
            videoIds = p.items();
        }
        String onlyVideo = ctx.request().getParam("videoId");
        java.util.List<Integer> positions = new java.util.ArrayList<>();
        for (int i = 0; i < videoIds.size(); i++) {
            if (onlyVideo == null || onlyVideo.equals(videoIds.get(i))) {
                positions.add(i);
            }
        }
        int pageSize = maxResults(ctx);
        int start = pageStart(ctx, positions.size());
        int end = Math.min(positions.size(), start + pageSize);
        for (int i = start; i < end; i++) {
            int position = positions.get(i);
            items.add(itemJson(playlistId, channelId, videoIds.get(position), position, parts));
        }
        ObjectNode page = YouTubeStore.listResponse("youtube#playlistItemListResponse", items);
        ((ObjectNode) page.get("pageInfo")).put("totalResults", positions.size()).put("resultsPerPage", pageSize);
        if (end < positions.size()) {
            page.put("nextPageToken", "EAAa" + end);
        }
        if (start > 0) {
            page.put("prevPageToken", "EAAa" + Math.max(0, start - pageSize));
        }
        Json.send(ctx, 200, page);
    }

    /** {@code maxResults}: 0-50, default 5 (as YouTube). */
    private static int maxResults(RoutingContext ctx) {
        String value = ctx.request().getParam("maxResults");
        if (value == null) {
            return 5;
        }
        try {
            int n = Integer.parseInt(value);
            if (n >= 0 && n <= 50) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw GoogleError.badRequest("invalidParameter", "Invalid value for maxResults: " + value).failure();
    }

    /** Our page tokens are {@code EAAa<offset>}; anything else is YouTube's 400 {@code invalidPageToken}. */
    private static int pageStart(RoutingContext ctx, int size) {
        String token = ctx.request().getParam("pageToken");
        if (token == null || token.isEmpty()) {
            return 0;
        }
        try {
            int start = token.startsWith("EAAa") ? Integer.parseInt(token.substring(4)) : -1;
            if (start >= 0 && start <= size) {
                return start;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw GoogleError.badRequest("invalidPageToken", "The request specifies an invalid page token.").failure();
    }

    private void insertPlaylistItem(RoutingContext ctx) {
        AccessToken token = begin(ctx, Scopes.YT_MANAGE, "playlistItems.insert");
        Set<String> parts = Videos.parts(Videos.listParam(ctx, "part"));
        User user = EmulatorState.userOf(token);
        JsonNode snippet = Json.parseObject(ctx.body().buffer()).path("snippet");
        YouTubeStore.Playlist p = store.playlist(snippet.path("playlistId").asText());
        if (p == null) {
            throw playlistNotFound();
        }
        if (!p.channelId().equals(user.channelId)) {
            throw GoogleError.of(403, "playlistItemsNotAccessible", "youtube.playlistItem", "The request is not "
                    + "properly authorized to insert the specified playlist item.").failure();
        }
        String videoId = snippet.path("resourceId").path("videoId").asText();
        Faults.Fault fault = state.faults().take(Faults.Target.PLAYLIST_ITEMS);
        if (fault != null || store.video(videoId) == null) {
            throw new GoogleError(404, "videoNotFound", "youtube.playlistItem", "Video not found.",
                    "body.snippet.resourceId", "other").failure();
        }
        int position = p.items().size();
        if (snippet.hasNonNull("position")) {
            position = snippet.path("position").asInt(-1);
            if (position < 0 || position > p.items().size()) {
                throw GoogleError.badRequest("invalidPlaylistItemPosition", "The request attempts to set the "
                        + "playlist item's position to an invalid or unsupported value.").failure();
            }
        }
        p.items().add(position, videoId);
        Json.send(ctx, 200, itemJson(p.id(), p.channelId(), videoId, position, parts));
    }

    private ObjectNode itemJson(String playlistId, String channelId, String videoId, int position, Set<String> parts) {
        ObjectNode o = Json.object().put("kind", "youtube#playlistItem")
                .put("etag", YouTubeStore.etag(playlistId + videoId)).put("id", playlistId + "." + videoId);
        if (parts.contains("snippet")) {
            Video v = store.video(videoId);
            ObjectNode s = o.putObject("snippet").put("playlistId", playlistId).put("channelId", channelId)
                    .put("position", position).put("title", v != null ? v.snippet.path("title").asText() : "Deleted video");
            s.putObject("resourceId").put("kind", "youtube#video").put("videoId", videoId);
        }
        if (parts.contains("contentDetails")) {
            o.putObject("contentDetails").put("videoId", videoId);
        }
        return o;
    }

    private static final java.util.Map<String, String> CATEGORIES = new java.util.TreeMap<>(java.util.Map.ofEntries(
            java.util.Map.entry("1", "Film & Animation"), java.util.Map.entry("2", "Autos & Vehicles"),
            java.util.Map.entry("10", "Music"), java.util.Map.entry("15", "Pets & Animals"),
            java.util.Map.entry("17", "Sports"), java.util.Map.entry("19", "Travel & Events"),
            java.util.Map.entry("20", "Gaming"), java.util.Map.entry("22", "People & Blogs"),
            java.util.Map.entry("23", "Comedy"), java.util.Map.entry("24", "Entertainment"),
            java.util.Map.entry("25", "News & Politics"), java.util.Map.entry("26", "Howto & Style"),
            java.util.Map.entry("27", "Education"), java.util.Map.entry("28", "Science & Technology"),
            java.util.Map.entry("29", "Nonprofits & Activism")));

    private void listCategories(RoutingContext ctx) {
        begin(ctx, Scopes.YT_READ, "videoCategories.list");
        Set<String> parts = Videos.parts(Videos.listParam(ctx, "part"));
        String ids = Videos.listParam(ctx, "id");
        Set<String> wanted = ids == null ? CATEGORIES.keySet() : Set.of(ids.split(","));
        ArrayNode items = Json.array();
        CATEGORIES.forEach((id, title) -> {
            if (wanted.contains(id)) {
                ObjectNode c = Json.object().put("kind", "youtube#videoCategory").put("etag", YouTubeStore.etag(id))
                        .put("id", id);
                if (parts.contains("snippet")) {
                    c.putObject("snippet").put("title", title).put("assignable", true)
                            .put("channelId", "UCBR8-60-B28hp2BmDPdntcQ");
                }
                items.add(c);
            }
        });
        Json.send(ctx, 200, YouTubeStore.listResponse("youtube#videoCategoryListResponse", items));
    }

    private static GoogleError.Failure playlistNotFound() {
        return new GoogleError(404, "playlistNotFound", "youtube.playlistItem", "The playlist identified with the "
                + "request's <code>playlistId</code> parameter cannot be found.", "playlistId", "parameter").failure();
    }
}
