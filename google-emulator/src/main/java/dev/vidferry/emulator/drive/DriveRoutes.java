package dev.vidferry.emulator.drive;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.vertx.core.Context;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import dev.vidferry.emulator.EmulatorState;
import dev.vidferry.emulator.auth.AccessToken;
import dev.vidferry.emulator.auth.Scopes;
import dev.vidferry.emulator.auth.User;
import dev.vidferry.emulator.content.SyntheticContent;
import dev.vidferry.emulator.control.Faults;
import dev.vidferry.emulator.http.GoogleError;
import dev.vidferry.emulator.http.Json;

/**
 * Drive v3: files.list, files.get (metadata and media on both download paths), drives.list/get, about.get; the
 * changes API lives in {@link ChangeRoutes}.
 */
public final class DriveRoutes {

    private static final FieldMask DEFAULT_GET = FieldMask.parse("kind,id,name,mimeType");
    private static final FieldMask DEFAULT_LIST = FieldMask
            .parse("kind,incompleteSearch,nextPageToken,files(kind,id,name,mimeType)");

    private final EmulatorState state;
    private final DriveStore store;

    public DriveRoutes(EmulatorState state) {
        this.state = state;
        this.store = state.drive();
    }

    public void mount(Router router) {
        router.get().handler(ctx -> { // before the Drive routes: counts what a client sent, faults and errors too
            String method = DriveCalls.method(ctx.request().path());
            if (method != null) {
                state.driveCalls().count(method);
            }
            ctx.next();
        });
        router.get("/drive/v3/files").handler(this::list);
        router.get("/drive/v3/files/:fileId").handler(this::get);
        router.get("/download/drive/v3/files/:fileId").handler(this::download);
        router.get("/drive/v3/drives").handler(this::listDrives);
        router.get("/drive/v3/drives/:driveId").handler(this::getDrive);
        router.get("/drive/v3/about").handler(this::about);
        new ChangeRoutes(state, this).mount(router);
    }

    private void list(RoutingContext ctx) {
        apiFault();
        User user = EmulatorState.userOf(state.authenticate(ctx, Scopes.DRIVE_METADATA));
        MultiMap p = ctx.request().params();
        boolean supportsAll = bool(p, "supportsAllDrives") || bool(p, "supportsTeamDrives");
        boolean includeAll = bool(p, "includeItemsFromAllDrives") || bool(p, "includeTeamDriveItems");
        if (includeAll && !supportsAll) {
            throw GoogleError.invalidParameter("includeItemsFromAllDrives", "The includeItemsFromAllDrives parameter can "
                    + "only be set to true if supportsAllDrives is also set to true.").failure();
        }
        int pageSize = pageSize(p.get("pageSize"));
        String driveId = p.get("driveId");
        String corpora = p.get("corpora") != null ? p.get("corpora") : (driveId != null ? "drive" : "user");
        if (driveId != null && !includeAll) {
            throw GoogleError.invalidParameter("driveId", "The driveId parameter requires includeItemsFromAllDrives.")
                    .failure();
        }
        if (driveId != null) {
            SharedDrive d = store.drive(driveId);
            if (d == null || !d.members().contains(user.username)) {
                throw GoogleError.of(404, "notFound", "global", "Shared drive not found: " + driveId).failure();
            }
        }
        String q = p.get("q");
        java.util.function.Function<String, String> alias = id -> "root".equals(id)
                ? user.rootFolderId
                : "me".equals(id) ? user.email : id;
        Predicate<DriveFile> query = DriveQuery.parse(q, alias, f -> f.owner == null ? null : ownerEmail(f));
        FieldMask mask = p.get("fields") != null ? FieldMask.parse(p.get("fields")) : DEFAULT_LIST;
        String parent = DriveQuery.requiredParent(q, alias);
        List<DriveFile> matches = (parent != null ? store.childrenOf(parent) : store.all()).stream()
                .filter(f -> !f.parents.isEmpty())
                .filter(f -> store.visible(f, user, includeAll))
                .filter(f -> driveId == null || driveId.equals(f.driveId))
                .filter(f -> !"drive".equals(corpora) || f.driveId != null)
                .filter(query)
                .sorted(order(p.get("orderBy")))
                .toList();
        String fingerprint = Integer.toHexString((q + "|" + p.get("orderBy") + "|" + driveId + "|" + includeAll).hashCode());
        long[] token = decodeToken(p.get("pageToken"), fingerprint);
        int offset = (int) token[0];
        int pageIndex = (int) token[1];
        int take = pageSize;
        if (state.faults().shortPages()) {
            take = pageIndex % 3 == 0 && offset < matches.size() ? 0 : Math.max(1, pageSize / 2);
        }
        int end = Math.min(matches.size(), offset + take);
        List<DriveFile> page = matches.subList(Math.min(offset, matches.size()), end);
        boolean needDigests = mask.selects("files", "md5Checksum") || mask.selects("files", "sha256Checksum");
        Context context = ctx.vertx().getOrCreateContext();
        whenDigests(needDigests ? page : List.of(), context, () -> {
            ObjectNode out = Json.object().put("kind", "drive#fileList");
            if (end < matches.size()) {
                out.put("nextPageToken", encodeToken(end, pageIndex + 1, fingerprint));
            }
            out.put("incompleteSearch", false);
            ArrayNode files = out.putArray("files");
            page.forEach(f -> files.add(fileJson(f)));
            Json.send(ctx, 200, mask.apply(out));
        }, ctx);
    }

    private void get(RoutingContext ctx) {
        if ("media".equals(ctx.request().getParam("alt"))) {
            media(ctx);
            return;
        }
        apiFault();
        User user = EmulatorState.userOf(state.authenticate(ctx, Scopes.DRIVE_METADATA));
        DriveFile f = find(ctx, user);
        FieldMask mask = ctx.request().getParam("fields") != null
                ? FieldMask.parse(ctx.request().getParam("fields"))
                : DEFAULT_GET;
        boolean needDigests = mask.selects("md5Checksum") || mask.selects("sha256Checksum");
        whenDigests(needDigests ? List.of(f) : List.of(), ctx.vertx().getOrCreateContext(),
                () -> Json.send(ctx, 200, mask.apply(fileJson(f))), ctx);
    }

    private void download(RoutingContext ctx) {
        if (!"media".equals(ctx.request().getParam("alt"))) {
            throw GoogleError.invalidParameter("alt", "Invalid value for alt; the download path needs alt=media.")
                    .failure();
        }
        media(ctx);
    }

    private void media(RoutingContext ctx) {
        AccessToken token = state.authenticate(ctx, Scopes.DRIVE_CONTENT);
        DriveFile f = find(ctx, EmulatorState.userOf(token));
        if (!f.isBlob()) {
            throw GoogleError.of(403, "fileNotDownloadable", "global", "Only files with binary content can be "
                    + "downloaded. Use Export with Docs Editors files.").failure();
        }
        Faults.Fault fault = state.faults().take(Faults.Target.DRIVE_MEDIA);
        if (fault != null && fault.status() > 0) {
            throw GoogleError.serverError(fault.status()).failure();
        }
        SyntheticContent c = f.content;
        long size = c.size();
        String range = ctx.request().getHeader("Range");
        long from = 0;
        long length = size;
        var resp = ctx.response().putHeader("Content-Type", f.mimeType)
                .putHeader("Content-Disposition", "attachment").putHeader("Accept-Ranges", "bytes");
        if (range != null && range.startsWith("bytes=") && !range.contains(",")) {
            long[] r = parseRange(range.substring(6).trim(), size);
            if (r == null) {
                resp.setStatusCode(416).putHeader("Content-Range", "bytes */" + size);
                GoogleError.of(416, "requestedRangeNotSatisfiable", "global", "Request range not satisfiable").send(ctx);
                return;
            }
            from = r[0];
            length = r[1] - r[0] + 1;
            if (fault != null && "ignore".equals(fault.range())) {
                from = 0; // misbehaving: the whole file as a 200, as if the Range header were lost
                length = size;
                resp.setStatusCode(200);
            } else if (fault != null && "shift".equals(fault.range()) && r[0] > 0) {
                from = r[0] - 1; // misbehaving: one byte early, and honest about it in Content-Range
                length = r[1] - from + 1;
                resp.setStatusCode(206).putHeader("Content-Range", "bytes " + from + "-" + r[1] + "/" + size);
            } else {
                resp.setStatusCode(206).putHeader("Content-Range", "bytes " + r[0] + "-" + r[1] + "/" + size);
            }
        } else {
            resp.setStatusCode(200);
        }
        resp.putHeader("Content-Length", String.valueOf(length));
        if (length == 0) {
            resp.end();
            return;
        }
        new MediaStreamer(ctx.vertx(), ctx.request(), c, from, length, state.faults().downloadBytesPerSecond(),
                fault != null ? fault.resetAfterBytes() : -1, fault != null ? fault.corruptAt() : -1).start();
    }

    private void listDrives(RoutingContext ctx) {
        User user = EmulatorState.userOf(state.authenticate(ctx, Scopes.DRIVE_METADATA));
        ObjectNode out = Json.object().put("kind", "drive#driveList");
        ArrayNode arr = out.putArray("drives");
        store.drives().stream().filter(d -> d.members().contains(user.username))
                .sorted(Comparator.comparing(SharedDrive::name))
                .forEach(d -> arr.add(Json.object().put("kind", "drive#drive").put("id", d.id()).put("name", d.name())));
        Json.send(ctx, 200, out);
    }

    private void getDrive(RoutingContext ctx) {
        User user = EmulatorState.userOf(state.authenticate(ctx, Scopes.DRIVE_METADATA));
        SharedDrive d = store.drive(ctx.pathParam("driveId"));
        if (d == null || !d.members().contains(user.username)) {
            throw new GoogleError(404, "notFound", "global", "Shared drive not found: " + ctx.pathParam("driveId"),
                    "driveId", "parameter").failure();
        }
        Json.send(ctx, 200, Json.object().put("kind", "drive#drive").put("id", d.id()).put("name", d.name()));
    }

    private void about(RoutingContext ctx) {
        User user = EmulatorState.userOf(state.authenticate(ctx, Scopes.DRIVE_METADATA));
        ObjectNode out = Json.object().put("kind", "drive#about");
        out.putObject("user").put("kind", "drive#user").put("displayName", user.name).put("emailAddress", user.email)
                .put("me", true).put("permissionId", user.sub);
        String fields = ctx.request().getParam("fields");
        Json.send(ctx, 200, fields != null ? FieldMask.parse(fields).apply(out) : out);
    }

    private DriveFile find(RoutingContext ctx, User user) {
        String id = ctx.pathParam("fileId");
        String resolved = "root".equals(id) ? user.rootFolderId : id;
        boolean supportsAll = bool(ctx.request().params(), "supportsAllDrives")
                || bool(ctx.request().params(), "supportsTeamDrives");
        DriveFile f = store.get(resolved);
        if (f == null || !store.visible(f, user, supportsAll)) {
            throw new GoogleError(404, "notFound", "global", "File not found: " + id + ".", "fileId", "parameter")
                    .failure();
        }
        return f;
    }

    void apiFault() {
        Faults.Fault fault = state.faults().take(Faults.Target.API);
        if (fault != null) {
            throw GoogleError.serverError(fault.status() > 0 ? fault.status() : 500).failure();
        }
    }

    private String ownerEmail(DriveFile f) {
        User u = state.accounts().user(f.owner);
        return u == null ? null : u.email;
    }

    ObjectNode fileJson(DriveFile f) {
        ObjectNode o = Json.object().put("kind", "drive#file").put("id", f.id).put("name", f.name)
                .put("mimeType", f.mimeType);
        if (!f.parents.isEmpty()) {
            ArrayNode parents = o.putArray("parents");
            f.parents.forEach(parents::add);
        }
        if (f.driveId != null) {
            o.put("driveId", f.driveId).put("teamDriveId", f.driveId);
        }
        o.put("starred", false).put("trashed", f.trashed).put("explicitlyTrashed", f.trashed)
                .put("createdTime", f.createdTime.toString()).put("modifiedTime", f.modifiedTime.toString())
                .put("version", "1");
        o.putArray("spaces").add("drive");
        if (f.owner != null && f.driveId == null) {
            User u = state.accounts().user(f.owner);
            if (u != null) {
                o.putArray("owners").add(Json.object().put("kind", "drive#user").put("displayName", u.name)
                        .put("emailAddress", u.email).put("me", true).put("permissionId", u.sub));
            }
        }
        if (f.isBlob()) {
            o.put("size", String.valueOf(f.content.size())).put("quotaBytesUsed", String.valueOf(f.content.size()))
                    .put("originalFilename", f.name).put("headRevisionId", f.headRevisionId());
            int dot = f.name.lastIndexOf('.');
            if (dot > 0) {
                o.put("fullFileExtension", f.name.substring(dot + 1)).put("fileExtension", f.name.substring(dot + 1));
            }
            SyntheticContent.Digests d = f.content.digestsIfDone();
            if (d != null) {
                o.put("md5Checksum", d.md5()).put("sha256Checksum", d.sha256());
            }
        }
        if (f.videoMeta != null) {
            o.putObject("videoMediaMetadata").put("width", f.videoMeta.width()).put("height", f.videoMeta.height())
                    .put("durationMillis", String.valueOf(f.videoMeta.durationMillis()));
        }
        if (f.isShortcut()) {
            o.putObject("shortcutDetails").put("targetId", f.shortcutTargetId)
                    .put("targetMimeType", f.shortcutTargetMimeType);
        }
        o.putObject("capabilities").put("canDownload", f.isBlob()).put("canEdit", false).put("canCopy", f.isBlob())
                .put("canListChildren", f.isFolder()).put("canTrash", false).put("canDelete", false)
                .put("canRename", false).put("canShare", false);
        return o;
    }

    void whenDigests(List<DriveFile> files, Context context, Runnable respond, RoutingContext ctx) {
        List<CompletableFuture<SyntheticContent.Digests>> pending = new ArrayList<>();
        for (DriveFile f : files) {
            if (f.isBlob() && f.content.digestsIfDone() == null) {
                pending.add(f.content.digests(store.digestExecutor()));
            }
        }
        if (pending.isEmpty()) {
            respond.run();
            return;
        }
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).whenComplete((v, e) -> context.runOnContext(x -> {
            if (e != null) {
                ctx.fail(e);
            } else {
                respond.run();
            }
        }));
    }

    private static Comparator<DriveFile> order(String orderBy) {
        Comparator<DriveFile> c = null;
        String spec = orderBy == null ? "name" : orderBy;
        for (String part : spec.split(",")) {
            String[] kv = part.trim().split("\\s+");
            boolean desc = kv.length > 1 && kv[1].equalsIgnoreCase("desc");
            Comparator<DriveFile> next = switch (kv[0]) {
                case "folder" -> Comparator.comparing((DriveFile f) -> !f.isFolder());
                case "name", "name_natural" -> Comparator.comparing((DriveFile f) -> f.name.toLowerCase(Locale.ROOT));
                case "createdTime" -> Comparator.comparing((DriveFile f) -> f.createdTime);
                case "modifiedTime", "modifiedByMeTime", "recency", "viewedByMeTime" ->
                    Comparator.comparing((DriveFile f) -> f.modifiedTime);
                case "quotaBytesUsed" -> Comparator.comparing((DriveFile f) -> f.isBlob() ? f.content.size() : 0L);
                case "starred", "sharedWithMeTime" -> Comparator.comparing((DriveFile f) -> 0);
                default -> throw GoogleError.invalidParameter("orderBy", "Invalid Value").failure();
            };
            next = desc ? next.reversed() : next;
            c = c == null ? next : c.thenComparing(next);
        }
        return c.thenComparing(f -> f.id);
    }

    static int pageSize(String raw) {
        if (raw == null) {
            return 100;
        }
        try {
            int n = Integer.parseInt(raw);
            if (n >= 1 && n <= 1000) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // answered below
        }
        throw GoogleError.invalidParameter("pageSize", "Invalid value '" + raw + "'. Values must be within the range: "
                + "[1, 1000]").failure();
    }

    private static String encodeToken(int offset, int pageIndex, String fingerprint) {
        String raw = "v1:" + offset + ":" + pageIndex + ":" + fingerprint;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    private static long[] decodeToken(String token, String fingerprint) {
        if (token == null) {
            return new long[]{0, 0};
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split(":");
            if (parts.length == 4 && parts[0].equals("v1") && parts[3].equals(fingerprint)) {
                return new long[]{Long.parseLong(parts[1]), Long.parseLong(parts[2])};
            }
        } catch (RuntimeException ignored) {
            // answered below
        }
        throw GoogleError.invalidParameter("pageToken", "Invalid Value").failure();
    }

    /** [first, last] of a single byte-range spec, or null when unsatisfiable. */
    static long[] parseRange(String spec, long size) {
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return null;
        }
        try {
            String a = spec.substring(0, dash).trim();
            String b = spec.substring(dash + 1).trim();
            long first;
            long last;
            if (a.isEmpty()) {
                long suffix = Long.parseLong(b);
                if (suffix <= 0 || size == 0) {
                    return null;
                }
                first = Math.max(0, size - suffix);
                last = size - 1;
            } else {
                first = Long.parseLong(a);
                last = b.isEmpty() ? size - 1 : Math.min(Long.parseLong(b), size - 1);
            }
            return first >= size || first > last ? null : new long[]{first, last};
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static boolean bool(MultiMap p, String name) {
        return "true".equalsIgnoreCase(p.get(name));
    }
}
