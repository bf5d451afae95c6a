package dev.vidferry.emulator.youtube;

import static dev.vidferry.emulator.youtube.UploadRoutes.drainThen;
import static dev.vidferry.emulator.youtube.UploadRoutes.parseLong;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import dev.vidferry.emulator.EmulatorState;
import dev.vidferry.emulator.auth.AccessToken;
import dev.vidferry.emulator.auth.Scopes;
import dev.vidferry.emulator.auth.User;
import dev.vidferry.emulator.http.GoogleError;
import dev.vidferry.emulator.http.Json;

/**
 * thumbnails.set: media, multipart or resumable upload of a JPEG/PNG for a verified channel's video, up to 50 MB
 * (2 MB before 2026-09-14, by the emulated clock).
 */
public final class ThumbnailRoutes {

    private final EmulatorState state;

    public ThumbnailRoutes(EmulatorState state) {
        this.state = state;
    }

    public void mount(Router router) {
        router.route("/upload/youtube/v3/thumbnails/set").handler(this::thumbnail);
    }

    private record ThumbSession(Video video, long total, long[] received) {
    }

    private final Map<String, ThumbSession> thumbSessions = new ConcurrentHashMap<>();

    private void thumbnail(RoutingContext ctx) {
        HttpServerRequest req = ctx.request();
        String uploadId = req.getParam("upload_id");
        if (uploadId != null) {
            thumbnailPut(ctx, thumbSessions.get(uploadId));
            return;
        }
        AccessToken token = state.authenticate(ctx, Scopes.YT_UPLOAD);
        User user = EmulatorState.userOf(token);
        state.quota().charge(token.clientId(), "thumbnails.set");
        Video v = state.youtube().video(req.getParam("videoId"));
        if (v == null) {
            throw new GoogleError(404, "videoNotFound", "youtube.thumbnail", "The video that you are trying to update "
                    + "cannot be found.", "videoId", "parameter").failure();
        }
        if (!v.channelId.equals(user.channelId) || !user.channelVerified) {
            throw GoogleError.of(403, "forbidden", "youtube.thumbnail", "The authenticated user doesn't have "
                    + "permissions to upload and set custom video thumbnails.").failure();
        }
        boolean resumable = "resumable".equals(req.getParam("uploadType"));
        String type = String.valueOf(resumable ? req.getHeader("X-Upload-Content-Type") : req.getHeader("Content-Type"));
        if (!type.startsWith("image/jpeg") && !type.startsWith("image/png") && !type.startsWith("application/octet")
                && !type.startsWith("multipart/related")) {
            throw GoogleError.of(400, "invalidImage", "youtube.thumbnail", "The provided image content is invalid.")
                    .failure();
        }
        if (resumable) {
            long total = parseLong(req.getHeader("X-Upload-Content-Length"), -1);
            if (total > maxBytes()) {
                throw tooLarge().failure();
            }
            String id = YouTubeStore.newUploadId();
            thumbSessions.put(id, new ThumbSession(v, total, new long[1]));
            drainThen(ctx, () -> ctx.response().setStatusCode(200).putHeader("Location", state.baseUrl()
                    + "/upload/youtube/v3/thumbnails/set?videoId=" + v.id + "&uploadType=resumable&upload_id=" + id)
                    .putHeader("Content-Length", "0").end());
            return;
        }
        long[] size = {0};
        req.handler(b -> size[0] += b.length());
        req.endHandler(e -> thumbnailDone(ctx, v, size[0]));
        req.resume();
    }

    private void thumbnailPut(RoutingContext ctx, ThumbSession session) {
        if (session == null) {
            drainThen(ctx, () -> GoogleError.of(404, "notFound", "global", "Upload session not found.").send(ctx));
            return;
        }
        HttpServerRequest req = ctx.request();
        long[] size = {0};
        req.handler(b -> size[0] += b.length());
        req.endHandler(e -> {
            session.received()[0] += size[0];
            long total = session.total() >= 0
                    ? session.total()
                    : parseLong(String.valueOf(req.getHeader("Content-Range"))
                            .replaceAll(".*/", ""), -1);
            if (total >= 0 && session.received()[0] >= total) {
                thumbnailDone(ctx, session.video(), session.received()[0]);
            } else {
                var resp = ctx.response().setStatusCode(308).putHeader("Content-Length", "0");
                if (session.received()[0] > 0) {
                    resp.putHeader("Range", "bytes=0-" + (session.received()[0] - 1));
                }
                resp.end();
            }
        });
        req.resume();
    }

    private long maxBytes() {
        return state.clock().now().isBefore(java.time.Instant.parse("2026-09-14T00:00:00Z")) ? 2L << 20 : 50L << 20;
    }

    private GoogleError tooLarge() {
        return GoogleError.of(413, "mediaBodyTooLarge", "global", "Media larger than " + (maxBytes() >> 20) + " MB.");
    }

    private void thumbnailDone(RoutingContext ctx, Video v, long size) {
        if (size == 0) {
            GoogleError.of(400, "mediaBodyRequired", "youtube.thumbnail", "The request does not include the image "
                    + "content.").send(ctx);
            return;
        }
        if (size > maxBytes()) {
            tooLarge().send(ctx);
            return;
        }
        v.thumbnailSet = true;
        ObjectNode item = Json.object();
        for (String n : new String[]{"default", "medium", "high"}) {
            item.putObject(n).put("url", "https://i.ytimg.com/vi/" + v.id + "/" + n + ".jpg");
        }
        ObjectNode out = Json.object().put("kind", "youtube#thumbnailSetResponse").put("etag", "thumb" + v.id);
        out.putArray("items").add(item);
        Json.send(ctx, 200, out);
    }
}
