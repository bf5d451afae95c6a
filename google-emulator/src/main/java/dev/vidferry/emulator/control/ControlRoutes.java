package dev.vidferry.emulator.control;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

import dev.vidferry.emulator.EmulatorState;
import dev.vidferry.emulator.auth.Accounts;
import dev.vidferry.emulator.auth.OAuthClient;
import dev.vidferry.emulator.auth.Scopes;
import dev.vidferry.emulator.auth.User;
import dev.vidferry.emulator.content.SyntheticContent;
import dev.vidferry.emulator.drive.DriveFile;
import dev.vidferry.emulator.drive.SharedDrive;
import dev.vidferry.emulator.http.GoogleError;
import dev.vidferry.emulator.http.Json;
import dev.vidferry.emulator.youtube.QuotaConfig;
import dev.vidferry.emulator.youtube.UploadSession;
import dev.vidferry.emulator.youtube.Video;

/** The control API under {@code /_emulator} (see the module README). */
public final class ControlRoutes {

    private final EmulatorState state;
    private final Seeder seeder;

    public ControlRoutes(EmulatorState state) {
        this.state = state;
        this.seeder = new Seeder(state);
    }

    public Seeder seeder() {
        return seeder;
    }

    public void mount(Router router) {
        router.route("/_emulator/*").handler(BodyHandler.create().setBodyLimit(4 << 20));
        router.post("/_emulator/reset").handler(this::reset);
        router.post("/_emulator/clients").handler(this::addClient);
        router.get("/_emulator/clients")
                .handler(ctx -> Json.send(ctx, 200, Json.MAPPER.valueToTree(state.accounts().clients())));
        router.post("/_emulator/users").handler(this::addUser);
        router.get("/_emulator/users").handler(this::listUsers);
        router.post("/_emulator/users/:username/tokens").handler(this::userTokens);
        router.post("/_emulator/users/:username/refresh-tokens/expire").handler(this::expireRefresh);
        router.post("/_emulator/tokens/revoke").handler(this::revoke);
        router.put("/_emulator/token-ttl").handler(this::tokenTtl);
        router.get("/_emulator/users/:username/files").handler(this::userFiles);
        router.post("/_emulator/drives").handler(this::addDrive);
        router.post("/_emulator/files").handler(this::addFiles);
        router.delete("/_emulator/files/:id").handler(this::deleteFile);
        router.post("/_emulator/files/:id/trash").handler(this::trashFile);
        router.put("/_emulator/files/:id/content").handler(this::replaceContent);
        router.put("/_emulator/users/:username/channel").handler(this::channel);
        router.put("/_emulator/users/:username/consent").handler(this::consent);
        router.put("/_emulator/issuer").handler(this::issuer);
        router.post("/_emulator/files/:id/move").handler(this::moveFile);
        router.patch("/_emulator/files/:id").handler(this::renameFile);
        router.get("/_emulator/videos").handler(this::videos);
        router.post("/_emulator/videos").handler(this::seedVideo);
        router.post("/_emulator/users/:username/demo").handler(this::demoTree);
        router.get("/_emulator/uploads").handler(this::uploads);
        router.post("/_emulator/uploads/expire").handler(this::expireUploads);
        router.get("/_emulator/quota").handler(ctx -> Json.send(ctx, 200, state.quota().toJson()));
        router.put("/_emulator/quota").handler(this::quota);
        router.get("/_emulator/clock").handler(this::clock);
        router.post("/_emulator/clock").handler(this::advanceClock);
        router.get("/_emulator/faults").handler(this::listFaults);
        router.post("/_emulator/faults").handler(this::addFault);
        router.delete("/_emulator/faults").handler(ctx -> {
            state.faults().reset();
            Json.send(ctx, 200, Json.object());
        });
        router.put("/_emulator/latency").handler(ctx -> {
            state.faults().latencyMillis(body(ctx).path("millis").asLong(0));
            Json.send(ctx, 200, Json.object().put("millis", state.faults().latencyMillis()));
        });
        router.put("/_emulator/throttle").handler(ctx -> {
            JsonNode b = body(ctx);
            state.faults().throttle(b.path("downloadBytesPerSecond").asLong(0), b.path("uploadBytesPerSecond").asLong(0));
            Json.send(ctx, 200, b);
        });
        router.put("/_emulator/drive/short-pages").handler(ctx -> {
            state.faults().shortPages(body(ctx).path("enabled").asBoolean(true));
            Json.send(ctx, 200, Json.object().put("enabled", state.faults().shortPages()));
        });
        router.get("/_emulator/stats").handler(this::stats);
        router.get("/_emulator/drive/calls").handler(ctx -> {
            var out = Json.object();
            state.driveCalls().snapshot().forEach(out::put);
            Json.send(ctx, 200, out);
        });
    }

    private static JsonNode body(RoutingContext ctx) {
        return ctx.body() == null || ctx.body().buffer() == null ? Json.object() : Json.parse(ctx.body().buffer());
    }

    private void reset(RoutingContext ctx) {
        state.reset();
        if (body(ctx).path("demo").asBoolean(false)) {
            seeder.demo();
        }
        Json.send(ctx, 200, Json.object().put("reset", true));
    }

    private void addClient(RoutingContext ctx) {
        JsonNode b = body(ctx);
        String id = required(b, "clientId");
        OAuthClient c = new OAuthClient(id, b.path("clientSecret").asText(id + "-secret"), b.path("verified").asBoolean(true));
        state.accounts().addClient(c);
        Json.send(ctx, 201, Json.MAPPER.valueToTree(c));
    }

    private void addUser(RoutingContext ctx) {
        JsonNode b = body(ctx);
        String username = required(b, "username");
        User u = state.createUser(username, text(b, "email"), text(b, "password"), text(b, "channelTitle"),
                b.path("channelVerified").asBoolean(true));
        if (b.path("roles").isArray()) {
            java.util.Set<String> roles = new java.util.TreeSet<>();
            b.path("roles").forEach(r -> roles.add(r.asText()));
            u.roles = java.util.Set.copyOf(roles);
        }
        ObjectNode out = userJson(u);
        out.setAll(tokens(u, text(b, "clientId"), text(b, "scopes")));
        Json.send(ctx, 201, out);
    }

    private ObjectNode userJson(User u) {
        return Json.object().put("username", u.username).put("email", u.email).put("sub", u.sub)
                .put("name", u.name).put("channelId", u.channelId).put("channelTitle", u.channelTitle)
                .put("channelVerified", u.channelVerified).put("uploadsPlaylistId", u.uploadsPlaylistId())
                .put("rootFolderId", u.rootFolderId);
    }

    /** A refresh token (vidferry's scopes unless given) and an access token for it. */
    private ObjectNode tokens(User u, String clientId, String scopes) {
        String client = clientId != null ? clientId : Accounts.DEFAULT_CLIENT_ID;
        if (state.accounts().client(client) == null) {
            throw new Json.BadRequest("invalid", "Unknown client " + client);
        }
        Set<String> s = Scopes.parse(scopes != null ? scopes : Scopes.VIDFERRY);
        Accounts.RefreshGrant g = state.accounts().issueRefreshToken(u, client, s);
        return Json.object().put("clientId", client).put("scope", Scopes.join(s)).put("refreshToken", g.token)
                .put("accessToken", state.accounts().accessToken(u, client, s, g.family))
                .put("expiresIn", state.accounts().accessTokenTtlSeconds());
    }

    private void listUsers(RoutingContext ctx) {
        ArrayNode arr = Json.array();
        state.accounts().users().stream().sorted(Comparator.comparing(u -> u.username)).forEach(u -> arr.add(userJson(u)));
        Json.send(ctx, 200, arr);
    }

    private User user(RoutingContext ctx, String username) {
        User u = state.accounts().user(username);
        if (u == null) {
            throw GoogleError.notFound("Unknown user " + username).failure();
        }
        return u;
    }

    private void userTokens(RoutingContext ctx) {
        JsonNode b = body(ctx);
        Json.send(ctx, 201, tokens(user(ctx, ctx.pathParam("username")), text(b, "clientId"), text(b, "scopes")));
    }

    private void expireRefresh(RoutingContext ctx) {
        int n = state.accounts().expireRefreshTokens(user(ctx, ctx.pathParam("username")).username,
                text(body(ctx), "refreshToken"));
        Json.send(ctx, 200, Json.object().put("expired", n));
    }

    private void revoke(RoutingContext ctx) {
        boolean ok = state.accounts().revoke(required(body(ctx), "token"));
        Json.send(ctx, ok ? 200 : 404, Json.object().put("revoked", ok));
    }

    private void tokenTtl(RoutingContext ctx) {
        JsonNode b = body(ctx);
        if (b.has("seconds")) {
            state.accounts().accessTokenTtlSeconds(b.get("seconds").asLong());
        }
        if (b.has("refreshSeconds")) {
            state.accounts().refreshTokenTtlSeconds(b.get("refreshSeconds").asLong());
        }
        Json.send(ctx, 200, Json.object().put("seconds", state.accounts().accessTokenTtlSeconds())
                .put("refreshSeconds", state.accounts().refreshTokenTtlSeconds()));
    }

    private void userFiles(RoutingContext ctx) {
        User u = user(ctx, ctx.pathParam("username"));
        List<DriveFile> files = state.drive().ownedBy(u.username);
        CompletableFuture<?>[] pending = files.stream().filter(DriveFile::isBlob)
                .map(f -> f.content.digests(state.drive().digestExecutor())).toArray(CompletableFuture[]::new);
        var context = ctx.vertx().getOrCreateContext();
        CompletableFuture.allOf(pending).whenComplete((v, e) -> context.runOnContext(x -> {
            ArrayNode arr = Json.array();
            files.stream().filter(f -> !f.parents.isEmpty()).forEach(f -> arr.add(Seeder.summary(f)));
            Json.send(ctx, 200, arr);
        }));
    }

    private void addDrive(RoutingContext ctx) {
        JsonNode b = body(ctx);
        Set<String> members = new HashSet<>();
        b.path("members").forEach(m -> members.add(m.asText()));
        SharedDrive d = state.drive().addSharedDrive(required(b, "name"), members, state.clock().now());
        Json.send(ctx, 201, Json.object().put("id", d.id()).put("name", d.name()));
    }

    private void addFiles(RoutingContext ctx) {
        JsonNode b = body(ctx);
        User owner = user(ctx, required(b, "owner"));
        String parent = b.hasNonNull("parentId")
                ? b.get("parentId").asText()
                : b.hasNonNull("driveId") ? b.get("driveId").asText() : owner.rootFolderId;
        if ("root".equals(parent)) {
            parent = owner.rootFolderId;
        }
        ArrayNode created = Json.array();
        seeder.tree(owner, parent, b.has("items") ? b.get("items") : Json.array().add(b), created);
        Json.send(ctx, 201, created);
    }

    private void deleteFile(RoutingContext ctx) {
        DriveFile f = state.drive().remove(ctx.pathParam("id"));
        Json.send(ctx, f == null ? 404 : 200, Json.object().put("deleted", f != null));
    }

    /** New bytes for a file (same size unless {@code size} is given): a new head revision and modifiedTime. */
    private void replaceContent(RoutingContext ctx) {
        DriveFile f = state.drive().get(ctx.pathParam("id"));
        if (f == null || !f.isBlob()) {
            throw GoogleError.notFound("File not found").failure();
        }
        JsonNode b = body(ctx);
        long size = b.path("size").asLong(f.content.size());
        long seed = b.path("seed").asLong(f.content.seed() + 1);
        SyntheticContent content = new SyntheticContent(seed, size);
        f.replaceContent(content, state.clock().now());
        state.drive().changes().record(f, false, f.modifiedTime);
        content.digests(state.drive().digestExecutor()).whenComplete((d, e) -> ctx.vertx().runOnContext(v -> {
            if (e != null) {
                ctx.fail(e);
                return;
            }
            Json.send(ctx, 200, Seeder.summary(f).put("headRevisionId", f.headRevisionId())
                    .put("modifiedTime", f.modifiedTime.toString()));
        }));
    }

    /** {@code {"exists":false}}: the user's Google account has no YouTube channel (uploads get 401). */
    private void channel(RoutingContext ctx) {
        User u = state.accounts().user(ctx.pathParam("username"));
        if (u == null) {
            throw GoogleError.notFound("No such user").failure();
        }
        u.hasChannel = body(ctx).path("exists").asBoolean(true);
        Json.send(ctx, 200, Json.object().put("username", u.username).put("exists", u.hasChannel));
    }

    /** {@code {"issuer":"..."}}: the {@code iss} of tokens issued from now on (null: the emulator's own URL). */
    private void issuer(RoutingContext ctx) {
        String previous = state.accounts().issuer();
        state.accounts().issuer(text(body(ctx), "issuer"));
        Json.send(ctx, 200, Json.object().put("previous", previous).put("issuer", state.accounts().issuer()));
    }

    /** {@code {"declinedScopes":[...]}}: scopes the user refuses on the consent screen (and on later refreshes). */
    private void consent(RoutingContext ctx) {
        User u = state.accounts().user(ctx.pathParam("username"));
        if (u == null) {
            throw GoogleError.notFound("No such user").failure();
        }
        java.util.Set<String> declined = new java.util.TreeSet<>();
        body(ctx).path("declinedScopes").forEach(s -> declined.add(s.asText()));
        u.declinedScopes = java.util.Set.copyOf(declined);
        ObjectNode out = Json.object().put("username", u.username);
        declined.forEach(out.putArray("declinedScopes")::add);
        Json.send(ctx, 200, out);
    }

    private void trashFile(RoutingContext ctx) {
        DriveFile f = state.drive().trash(ctx.pathParam("id"), body(ctx).path("trashed").asBoolean(true));
        if (f == null) {
            throw GoogleError.notFound("File not found").failure();
        }
        Json.send(ctx, 200, Seeder.summary(f));
    }

    private void renameFile(RoutingContext ctx) {
        DriveFile f = state.drive().rename(ctx.pathParam("id"), required(body(ctx), "name"));
        if (f == null) {
            throw GoogleError.notFound("File not found").failure();
        }
        Json.send(ctx, 200, Seeder.summary(f));
    }

    private void moveFile(RoutingContext ctx) {
        DriveFile f = state.drive().move(ctx.pathParam("id"), required(body(ctx), "parentId"));
        if (f == null) {
            throw GoogleError.notFound("File or parent not found").failure();
        }
        Json.send(ctx, 200, Seeder.summary(f));
    }

    /** {@code {"owner","title","privacyStatus?"}}: a video on the owner's channel as if uploaded now. */
    private void seedVideo(RoutingContext ctx) {
        JsonNode b = body(ctx);
        User owner = user(ctx, required(b, "owner"));
        ObjectNode snippet = Json.object().put("title", required(b, "title"))
                .put("description", b.path("description").asText("")).put("channelId", owner.channelId)
                .put("categoryId", "22").put("publishedAt", state.clock().now().toString());
        ObjectNode status = Json.object().put("uploadStatus", "processed")
                .put("privacyStatus", b.path("privacyStatus").asText("private"));
        Video v = new Video(dev.vidferry.emulator.youtube.YouTubeStore.newVideoId(), owner.channelId, owner.username,
                "seeded", snippet, status, null, 0, "video/mp4", state.clock().now(), null, "seeded");
        state.youtube().add(v);
        Json.send(ctx, 201, Json.object().put("id", v.id).put("channelId", v.channelId));
    }

    /** The demo's {@code Demo/} tree in one user's My Drive; answers the folder's id. */
    private void demoTree(RoutingContext ctx) {
        DriveFile demo = seeder.demoTree(user(ctx, ctx.pathParam("username")));
        Json.send(ctx, 201, Json.object().put("id", demo.id).put("name", demo.name));
    }

    private void videos(RoutingContext ctx) {
        ArrayNode arr = Json.array();
        state.youtube().videos().stream().sorted(Comparator.comparing((Video v) -> v.publishedAt)).forEach(v -> {
            ObjectNode o = Json.object().put("id", v.id).put("channelId", v.channelId).put("owner", v.owner)
                    .put("project", v.project).put("md5", v.md5).put("size", v.size).put("mimeType", v.mimeType)
                    .put("uploadType", v.uploadType).put("publishedAt", v.publishedAt.toString())
                    .put("thumbnailSet", v.thumbnailSet);
            o.set("snippet", v.snippet);
            o.set("status", v.status);
            UploadSession s = state.youtube().session(v.uploadId);
            if (s != null) {
                o.set("session", sessionJson(s));
            }
            arr.add(o);
        });
        Json.send(ctx, 200, arr);
    }

    private static ObjectNode sessionJson(UploadSession s) {
        return Json.object().put("uploadId", s.id).put("owner", s.owner.username).put("project", s.project)
                .put("bytesReceived", s.received()).put("bytesOnWire", s.wireBytes()).put("total", s.total())
                .put("puts", s.puts())
                .put("complete", s.complete()).put("videoId", s.videoId()).put("md5", s.md5())
                .put("expiresAt", s.expiresAt.toString());
    }

    private void uploads(RoutingContext ctx) {
        ArrayNode arr = Json.array();
        state.youtube().sessions().stream().sorted(Comparator.comparing((UploadSession s) -> s.createdAt))
                .forEach(s -> arr.add(sessionJson(s)));
        Json.send(ctx, 200, arr);
    }

    private void expireUploads(RoutingContext ctx) {
        String id = text(body(ctx), "uploadId");
        int n = 0;
        for (UploadSession s : state.youtube().sessions()) {
            if (id == null || s.id.equals(id)) {
                s.expiresAt = state.clock().now().minusSeconds(1);
                n++;
            }
        }
        Json.send(ctx, 200, Json.object().put("expired", n));
    }

    private void quota(RoutingContext ctx) {
        JsonNode b = body(ctx);
        QuotaConfig base = b.hasNonNull("model") ? QuotaConfig.of(b.get("model").asText()) : state.quota().config();
        Map<String, Long> limits = null;
        if (b.has("limits")) {
            Map<String, Long> l = new java.util.HashMap<>();
            b.get("limits").fields().forEachRemaining(e -> l.put(e.getKey(), e.getValue().asLong()));
            limits = l;
        }
        Map<String, Integer> costs = null;
        if (b.has("costs")) {
            Map<String, Integer> c = new java.util.HashMap<>();
            b.get("costs").fields().forEachRemaining(e -> c.put(e.getKey(), e.getValue().asInt()));
            costs = c;
        }
        QuotaConfig next = base.with(limits, costs,
                b.hasNonNull("uploadsPerChannelPerDay") ? b.get("uploadsPerChannelPerDay").asInt() : null);
        if (b.path("resetUsage").asBoolean(false)) {
            state.quota().reset(next);
        } else {
            state.quota().config(next);
        }
        Json.send(ctx, 200, state.quota().toJson());
    }

    private void clock(RoutingContext ctx) {
        Json.send(ctx, 200, Json.object().put("now", state.clock().now().toString())
                .put("offsetSeconds", state.clock().offset().toSeconds())
                .put("pacificDate", state.clock().pacificDate().toString())
                .put("nextPacificMidnight", state.clock().nextPacificMidnight().toString()));
    }

    private void advanceClock(RoutingContext ctx) {
        JsonNode b = body(ctx);
        if (b.path("toNextPacificMidnight").asBoolean(false)) {
            state.clock().advance(Duration.between(state.clock().now(), state.clock().nextPacificMidnight()).plusSeconds(1));
        } else if (b.hasNonNull("advance")) {
            state.clock().advance(Duration.parse(b.get("advance").asText()));
        } else {
            state.clock().advance(Duration.ofSeconds(b.path("advanceSeconds").asLong(0)));
        }
        clock(ctx);
    }

    private void listFaults(RoutingContext ctx) {
        ArrayNode arr = Json.array();
        state.faults().pending().forEach(f -> arr.add(Json.object().put("target", f.target().wire())
                .put("status", f.status()).put("resetAfterBytes", f.resetAfterBytes()).put("range", f.range())
                .put("corruptAt", f.corruptAt())));
        Json.send(ctx, 200, Json.object().put("latencyMillis", state.faults().latencyMillis())
                .put("downloadBytesPerSecond", state.faults().downloadBytesPerSecond())
                .put("uploadBytesPerSecond", state.faults().uploadBytesPerSecond())
                .put("shortPages", state.faults().shortPages()).set("pending", arr));
    }

    private void addFault(RoutingContext ctx) {
        JsonNode b = body(ctx);
        Faults.Target target;
        try {
            target = Faults.Target.parse(required(b, "target"));
        } catch (IllegalArgumentException e) {
            throw new Json.BadRequest("invalid", "Unknown fault target " + b.path("target").asText());
        }
        long reset = b.path("resetAfterBytes").asLong(-1);
        String range = b.hasNonNull("range") ? b.get("range").asText() : null;
        long corruptAt = b.path("corruptAt").asLong(-1);
        if (range != null && !range.equals("ignore") && !range.equals("shift")) {
            throw new Json.BadRequest("invalid", "range must be ignore or shift");
        }
        boolean misbehaves = reset >= 0 || range != null || corruptAt >= 0;
        int status = b.path("status").asInt(misbehaves ? 0 : 503);
        state.faults().add(target, b.path("count").asInt(1), status, reset, range, corruptAt);
        listFaults(ctx);
    }

    private void stats(RoutingContext ctx) {
        long heapUsed = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        Json.send(ctx, 200, Json.object().put("heapUsedBytes", heapUsed).put("heapPeakBytes", peak)
                .put("heapMaxBytes", Runtime.getRuntime().maxMemory()).put("files", state.drive().all().size())
                .put("videos", state.youtube().videos().size()).put("uploadSessions", state.youtube().sessions().size()));
    }

    private static String text(JsonNode b, String field) {
        return b.hasNonNull(field) ? b.get(field).asText() : null;
    }

    private static String required(JsonNode b, String field) {
        String v = text(b, field);
        if (v == null || v.isBlank()) {
            throw new Json.BadRequest("required", "Missing field " + field);
        }
        return v;
    }
}
