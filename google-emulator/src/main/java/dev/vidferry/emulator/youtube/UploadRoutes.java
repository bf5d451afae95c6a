package dev.vidferry.emulator.youtube;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Set;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import dev.vidferry.emulator.EmulatorState;
import dev.vidferry.emulator.auth.AccessToken;
import dev.vidferry.emulator.auth.Scopes;
import dev.vidferry.emulator.auth.User;
import dev.vidferry.emulator.control.Faults;
import dev.vidferry.emulator.http.GoogleError;
import dev.vidferry.emulator.http.Json;

/**
 * videos.insert uploads: resumable (initiation, chunk PUTs with Content-Range, 308 + Range, status queries), multipart
 * and media; thumbnails.set. Bodies are streamed: hashed and discarded.
 */
public final class UploadRoutes {

    private static final Duration SESSION_TTL = Duration.ofDays(7);
    private static final int MAX_METADATA = 1 << 20;
    private static final long MAX_HASH_BACKLOG = 16L << 20;

    private final EmulatorState state;

    public UploadRoutes(EmulatorState state) {
        this.state = state;
    }

    public void mount(Router router) {
        router.route("/upload/youtube/v3/videos").handler(this::route);
    }

    private void route(RoutingContext ctx) {
        HttpServerRequest req = ctx.request();
        String uploadId = req.getParam("upload_id");
        if (uploadId != null && (req.method() == HttpMethod.PUT || req.method() == HttpMethod.POST)) {
            sessionPut(ctx, uploadId);
            return;
        }
        if (req.method() != HttpMethod.POST) {
            throw GoogleError.of(405, "httpMethodNotAllowed", "global", "Method not allowed").failure();
        }
        String uploadType = req.getParam("uploadType") != null ? req.getParam("uploadType") : "media";
        switch (uploadType) {
            case "resumable" -> initiate(ctx);
            case "multipart" -> direct(ctx, true);
            case "media" -> direct(ctx, false);
            default -> throw GoogleError.invalidParameter("uploadType", "Invalid value for uploadType").failure();
        }
    }

    // ---- resumable

    private void initiate(RoutingContext ctx) {
        HttpServerRequest req = ctx.request();
        AccessToken token = state.authenticate(ctx, Scopes.YT_UPLOAD);
        User user = EmulatorState.userOf(token);
        state.quota().charge(token.clientId(), "videos.insert");
        if (!user.hasChannel) {
            throw GoogleError.youtubeSignupRequired().failure();
        }
        Set<String> parts = Videos.parts(Videos.listParam(ctx, "part"));
        req.pause();
        readSmallBody(ctx, body -> {
            ObjectNode resource = Videos.keepParts(Json.parseObject(body), parts);
            VideoValidator.validate(resource, state.clock().now());
            state.quota().countUpload(user.channelId);
            long total = parseLong(req.getHeader("X-Upload-Content-Length"), -1);
            String mime = req.getHeader("X-Upload-Content-Type") != null
                    ? req.getHeader("X-Upload-Content-Type")
                    : "video/*";
            String id = YouTubeStore.newUploadId();
            state.youtube().add(new UploadSession(id, user, token.clientId(), resource, mime, total, state.clock().now(),
                    state.clock().now().plus(SESSION_TTL)));
            String part = Videos.listParam(ctx, "part");
            String location = state.baseUrl() + "/upload/youtube/v3/videos?uploadType=resumable&part="
                    + java.net.URLEncoder.encode(part, java.nio.charset.StandardCharsets.UTF_8) + "&upload_id=" + id;
            ctx.response().setStatusCode(200).putHeader("Location", location).putHeader("X-GUploader-UploadID", id)
                    .putHeader("Content-Length", "0").end();
        });
    }

    private void sessionPut(RoutingContext ctx, String uploadId) {
        HttpServerRequest req = ctx.request();
        UploadSession session = state.youtube().session(uploadId);
        if (session == null || state.clock().now().isAfter(session.expiresAt)) {
            drainThen(ctx, () -> GoogleError.of(404, "notFound", "global", "Upload session not found or expired.")
                    .send(ctx));
            return;
        }
        session.countPut();
        Faults.Fault fault = state.faults().take(Faults.Target.UPLOAD_PUT);
        if (fault != null && fault.status() > 0) {
            drainThen(ctx, () -> GoogleError.serverError(fault.status()).send(ctx));
            return;
        }
        if (session.complete()) {
            drainThen(ctx, () -> sendVideo(ctx, session, 200));
            return;
        }
        String range = req.getHeader("Content-Range");
        long first;
        long last;
        long total;
        if (range == null) {
            long len = parseLong(req.getHeader("Content-Length"), -1);
            first = 0;
            last = len - 1;
            total = len;
            if (len <= 0) {
                statusQuery(ctx, session, -1);
                return;
            }
        } else {
            String r = range.trim();
            if (!r.startsWith("bytes ") || r.indexOf('/') < 0) {
                badRange(ctx);
                return;
            }
            String spec = r.substring(6, r.indexOf('/')).trim();
            String totalSpec = r.substring(r.indexOf('/') + 1).trim();
            total = totalSpec.equals("*") ? -1 : parseLong(totalSpec, -2);
            if (total == -2) {
                badRange(ctx);
                return;
            }
            if (spec.equals("*")) {
                statusQuery(ctx, session, total);
                return;
            }
            int dash = spec.indexOf('-');
            first = dash < 0 ? -1 : parseLong(spec.substring(0, dash), -1);
            last = dash < 0 ? -1 : parseLong(spec.substring(dash + 1), -1);
            if (first < 0 || last < first || (total >= 0 && last >= total)) {
                badRange(ctx);
                return;
            }
        }
        if (total >= 0) {
            if (session.total() >= 0 && session.total() != total) {
                drainThen(ctx, () -> GoogleError.badRequest("badRequest", "Content-Range total " + total
                        + " doesn't match the declared upload length " + session.total() + ".").send(ctx));
                return;
            }
            session.total(total);
        }
        long received = session.received();
        if (first > received) {
            drainThen(ctx, () -> GoogleError.badRequest("badRequest", "Invalid request. According to the Content-Range"
                    + " header, the upload offset is " + first + " byte(s), which exceeds already uploaded size of "
                    + received + " byte(s).").send(ctx));
            return;
        }
        boolean finalChunk = session.total() >= 0 && last == session.total() - 1;
        long chunkLength = last - first + 1;
        if (!finalChunk && chunkLength < UploadSession.UNIT) {
            drainThen(ctx, () -> GoogleError.badRequest("badRequest", "Invalid request. The number of bytes uploaded "
                    + "is required to be equal or greater than 262144, except for the final request (it's recommended to"
                    + " be the exact multiple of 262144). The received request contained " + chunkLength
                    + " bytes, which does not meet this requirement.").send(ctx));
            return;
        }
        new ChunkReceiver(ctx, session, first, last, finalChunk, fault != null ? fault.resetAfterBytes() : -1).start();
    }

    private void statusQuery(RoutingContext ctx, UploadSession session, long total) {
        drainThen(ctx, () -> {
            if (total >= 0 && session.total() < 0) {
                session.total(total);
            }
            if (session.total() >= 0 && session.received() == session.total()) {
                completeAndSend(ctx, session, "resumable", 201);
            } else {
                send308(ctx, session);
            }
        });
    }

    /** Streams one chunk into the session: skip bytes already held, stop at the declared last byte, pace, reset. */
    private final class ChunkReceiver {

        private final RoutingContext ctx;
        private final UploadSession session;
        private final long chunkLength;
        private final boolean finalChunk;
        private final long resetAfter;
        private final long bytesPerSecond = state.faults().uploadBytesPerSecond();
        private final long startNanos = System.nanoTime();
        private final long newBytes;
        private long skip;
        private long seen;
        private long kept;
        private boolean done;

        ChunkReceiver(RoutingContext ctx, UploadSession session, long first, long last, boolean finalChunk,
                long resetAfter) {
            this.ctx = ctx;
            this.session = session;
            this.skip = session.received() - first;
            this.chunkLength = last - first + 1;
            this.newBytes = Math.max(0, chunkLength - skip);
            this.finalChunk = finalChunk;
            this.resetAfter = resetAfter;
        }

        void start() {
            HttpServerRequest req = ctx.request();
            session.beginChunk();
            req.handler(this::onData);
            req.endHandler(v -> onEnd());
            req.exceptionHandler(e -> abort());
            req.connection().closeHandler(v -> abort());
            req.resume();
        }

        private void onData(Buffer buffer) {
            if (done) {
                return;
            }
            ByteBuffer data = buffer.getByteBuf().nioBuffer();
            boolean reset = resetAfter >= 0 && seen + data.remaining() >= resetAfter;
            if (reset) {
                data.limit(data.position() + (int) (resetAfter - seen));
            }
            seen += data.remaining();
            session.countWireBytes(data.remaining());
            if (skip > 0) {
                int s = (int) Math.min(skip, data.remaining());
                data.position(data.position() + s);
                skip -= s;
            }
            int want = (int) Math.min(data.remaining(), newBytes - kept);
            data.limit(data.position() + want);
            kept += want;
            session.accept(data);
            if (!reset && session.hashBacklog() > MAX_HASH_BACKLOG) {
                throttleUntilHashed();
            }
            if (reset) {
                abort();
                ctx.request().connection().close();
                return;
            }
            if (bytesPerSecond > 0) {
                long due = startNanos + (long) (seen * 1e9 / bytesPerSecond);
                long waitMillis = (due - System.nanoTime()) / 1_000_000;
                if (waitMillis >= 1) {
                    ctx.request().pause();
                    ctx.vertx().setTimer(waitMillis, t -> ctx.request().resume());
                }
            }
        }

        private void abort() {
            if (!done) {
                done = true;
                session.endChunk(false);
            }
        }

        /** Pauses the request while the hasher is more than MAX_HASH_BACKLOG behind (keeps the heap small). */
        private void throttleUntilHashed() {
            ctx.request().pause();
            ctx.vertx().setPeriodic(1, timer -> {
                if (session.hashBacklog() <= MAX_HASH_BACKLOG / 2 || done) {
                    ctx.vertx().cancelTimer(timer);
                    ctx.request().resume();
                }
            });
        }

        private void onEnd() {
            if (done) {
                return;
            }
            done = true;
            boolean whole = kept == newBytes;
            session.endChunk(finalChunk && whole);
            if (session.total() >= 0 && session.received() == session.total()) {
                completeAndSend(ctx, session, "resumable", 201);
            } else {
                send308(ctx, session);
            }
        }
    }

    /** 308 Resume Incomplete; clients sending {@code X-GUploader-No-308: yes} (Go) get 200 + a status override. */
    private static void send308(RoutingContext ctx, UploadSession session) {
        boolean no308 = "yes".equalsIgnoreCase(ctx.request().getHeader("X-GUploader-No-308"));
        var resp = ctx.response().setStatusCode(no308 ? 200 : 308).putHeader("Content-Length", "0")
                .putHeader("X-GUploader-UploadID", session.id);
        if (no308) {
            resp.putHeader("X-Http-Status-Code-Override", "308");
        }
        if (session.received() > 0) {
            resp.putHeader("Range", "bytes=0-" + (session.received() - 1));
        }
        resp.end();
    }

    private void completeAndSend(RoutingContext ctx, UploadSession session, String uploadType, int status) {
        io.vertx.core.Context context = ctx.vertx().getOrCreateContext();
        session.complete(s -> Videos.store(state, s, uploadType)).whenComplete((v, e) -> context.runOnContext(x -> {
            if (e != null) {
                ctx.fail(e);
            } else {
                sendVideo(ctx, session, status);
            }
        }));
    }

    private void sendVideo(RoutingContext ctx, UploadSession session, int status) {
        Video v = state.youtube().video(session.videoId());
        if (v == null) {
            GoogleError.of(404, "videoNotFound", "youtube.video", "The video was deleted.").send(ctx);
            return;
        }
        Json.send(ctx, status, YouTubeStore.videoJson(v, session.owner, Videos.parts(partOf(ctx))));
    }

    private static String partOf(RoutingContext ctx) {
        String part = Videos.listParam(ctx, "part");
        return part != null ? part : "snippet,status";
    }

    private static void badRange(RoutingContext ctx) {
        drainThen(ctx, () -> GoogleError.badRequest("badRequest", "Failed to parse Content-Range header.").send(ctx));
    }

    // ---- multipart and media

    private void direct(RoutingContext ctx, boolean multipart) {
        HttpServerRequest req = ctx.request();
        AccessToken token = state.authenticate(ctx, Scopes.YT_UPLOAD);
        User user = EmulatorState.userOf(token);
        state.quota().charge(token.clientId(), "videos.insert");
        if (!user.hasChannel) {
            throw GoogleError.youtubeSignupRequired().failure();
        }
        Set<String> parts = Videos.parts(Videos.listParam(ctx, "part"));
        String contentType = req.getHeader("Content-Type") != null ? req.getHeader("Content-Type") : "";
        if (multipart) {
            String boundary = MultipartRelated.boundary(contentType);
            if (boundary == null) {
                throw GoogleError.badRequest("badContent", "Multipart upload needs multipart/related with a boundary.")
                        .failure();
            }
            req.pause();
            new MultipartRelated(ctx, boundary, (metadata, mediaType, sink) -> {
                ObjectNode resource = Videos.keepParts(Json.parseObject(metadata), parts);
                VideoValidator.validate(resource, state.clock().now());
                state.quota().countUpload(user.channelId);
                UploadSession s = newDirectSession(user, token, resource, mediaType);
                sink.accept(s);
            }, s -> completeDirect(ctx, s, "multipart")).start();
        } else {
            state.quota().countUpload(user.channelId);
            UploadSession s = newDirectSession(user, token, Json.object(), contentType);
            s.beginChunk();
            req.handler(b -> s.accept(b.getByteBuf().nioBuffer()));
            req.endHandler(v -> completeDirect(ctx, s, "media"));
            req.resume();
        }
    }

    private UploadSession newDirectSession(User user, AccessToken token, ObjectNode resource, String mime) {
        UploadSession s = new UploadSession(YouTubeStore.newUploadId(), user, token.clientId(), resource, mime, -1,
                state.clock().now(), state.clock().now().plus(SESSION_TTL));
        s.countPut();
        state.youtube().add(s);
        return s;
    }

    private void completeDirect(RoutingContext ctx, UploadSession s, String type) {
        s.endChunk(true);
        s.total(s.received());
        completeAndSend(ctx, s, type, 200);
    }

    // ---- helpers

    private static void readSmallBody(RoutingContext ctx, java.util.function.Consumer<Buffer> then) {
        Buffer body = Buffer.buffer();
        HttpServerRequest req = ctx.request();
        req.handler(b -> {
            if (body.length() + b.length() > MAX_METADATA) {
                req.handler(null);
                req.connection().close();
                return;
            }
            body.appendBuffer(b);
        });
        req.endHandler(v -> {
            try {
                then.accept(body);
            } catch (RuntimeException e) {
                ctx.fail(e);
            }
        });
        req.resume();
    }

    static void drainThen(RoutingContext ctx, Runnable then) {
        HttpServerRequest req = ctx.request();
        if (req.isEnded()) {
            then.run();
            return;
        }
        req.handler(b -> {
        });
        req.endHandler(v -> then.run());
        req.resume();
    }

    static long parseLong(String s, long fallback) {
        if (s == null) {
            return fallback;
        }
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
