package dev.vidferry.emulator.drive;

import java.util.List;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.vertx.core.MultiMap;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import dev.vidferry.emulator.EmulatorState;
import dev.vidferry.emulator.auth.Scopes;
import dev.vidferry.emulator.auth.User;
import dev.vidferry.emulator.http.GoogleError;
import dev.vidferry.emulator.http.Json;

/**
 * Drive v3 {@code changes.getStartPageToken} and {@code changes.list} over the store's {@link ChangeLog}: the latest
 * change of each file the caller can see since the page token, {@code nextPageToken} while more remain, then
 * {@code newStartPageToken}. A token this emulator did not hand out answers 400 {@code invalid} on
 * {@code pageToken}, as Drive does.
 */
public final class ChangeRoutes {

    private static final FieldMask DEFAULT_TOKEN = FieldMask.parse("kind,startPageToken");
    private static final FieldMask DEFAULT_LIST = FieldMask.parse("kind,nextPageToken,newStartPageToken,"
            + "changes(kind,type,changeType,time,removed,fileId,file(kind,id,name,mimeType))");

    private final EmulatorState state;
    private final DriveStore store;
    private final DriveRoutes files;

    ChangeRoutes(EmulatorState state, DriveRoutes files) {
        this.state = state;
        this.store = state.drive();
        this.files = files;
    }

    void mount(Router router) {
        router.get("/drive/v3/changes/startPageToken").handler(this::startPageToken);
        router.get("/drive/v3/changes").handler(this::list);
    }

    private void startPageToken(RoutingContext ctx) {
        files.apiFault();
        User user = EmulatorState.userOf(state.authenticate(ctx, Scopes.DRIVE_METADATA));
        MultiMap p = ctx.request().params();
        String driveId = driveId(p);
        if (driveId != null) {
            if (!DriveRoutes.bool(p, "supportsAllDrives") && !DriveRoutes.bool(p, "supportsTeamDrives")) {
                throw GoogleError.invalidParameter("driveId", "The driveId parameter requires supportsAllDrives.")
                        .failure();
            }
            requireMember(driveId, user);
        }
        ObjectNode out = Json.object().put("kind", "drive#startPageToken")
                .put("startPageToken", String.valueOf(store.changes().next()));
        Json.send(ctx, 200, mask(p, DEFAULT_TOKEN).apply(out));
    }

    private void list(RoutingContext ctx) {
        files.apiFault();
        User user = EmulatorState.userOf(state.authenticate(ctx, Scopes.DRIVE_METADATA));
        MultiMap p = ctx.request().params();
        boolean supportsAll = DriveRoutes.bool(p, "supportsAllDrives") || DriveRoutes.bool(p, "supportsTeamDrives");
        boolean includeAll = DriveRoutes.bool(p, "includeItemsFromAllDrives")
                || DriveRoutes.bool(p, "includeTeamDriveItems");
        if (includeAll && !supportsAll) {
            throw GoogleError.invalidParameter("includeItemsFromAllDrives", "The includeItemsFromAllDrives parameter "
                    + "can only be set to true if supportsAllDrives is also set to true.").failure();
        }
        String driveId = driveId(p);
        if (driveId != null) {
            if (!supportsAll) {
                throw GoogleError.invalidParameter("driveId", "The driveId parameter requires supportsAllDrives.")
                        .failure();
            }
            requireMember(driveId, user);
        }
        long token = token(p.get("pageToken"));
        int pageSize = DriveRoutes.pageSize(p.get("pageSize"));
        boolean includeRemoved = !"false".equalsIgnoreCase(p.get("includeRemoved"));
        FieldMask mask = mask(p, DEFAULT_LIST);
        Predicate<ChangeLog.Change> visible = driveId != null
                ? c -> driveId.equals(c.driveId())
                : c -> user.username.equals(c.owner()) || (includeAll && member(c.driveId(), user));
        List<ChangeLog.Change> latest = store.changes().latestFrom(token, visible).stream()
                .filter(c -> includeRemoved || !removedFor(c, user, includeAll || driveId != null))
                .toList();
        List<ChangeLog.Change> page = latest.subList(0, Math.min(pageSize, latest.size()));
        List<DriveFile> current = page.stream().map(c -> removedFor(c, user, includeAll || driveId != null)
                ? null
                : store.get(c.fileId())).filter(f -> f != null).toList();
        boolean needDigests = mask.selects("changes", "file", "md5Checksum")
                || mask.selects("changes", "file", "sha256Checksum");
        files.whenDigests(needDigests ? current : List.of(), ctx.vertx().getOrCreateContext(), () -> {
            ObjectNode out = Json.object().put("kind", "drive#changeList");
            if (latest.size() > page.size()) {
                out.put("nextPageToken", String.valueOf(latest.get(page.size()).seq()));
            } else {
                out.put("newStartPageToken", String.valueOf(store.changes().next()));
            }
            ArrayNode changes = out.putArray("changes");
            for (ChangeLog.Change c : page) {
                boolean removed = removedFor(c, user, includeAll || driveId != null);
                ObjectNode o = Json.object().put("kind", "drive#change").put("type", "file").put("changeType", "file")
                        .put("time", c.time().toString()).put("removed", removed).put("fileId", c.fileId());
                DriveFile f = removed ? null : store.get(c.fileId());
                if (f != null) {
                    o.set("file", files.fileJson(f));
                    if (f.driveId != null) {
                        o.put("driveId", f.driveId).put("teamDriveId", f.driveId);
                    }
                }
                changes.add(o);
            }
            Json.send(ctx, 200, mask.apply(out));
        }, ctx);
    }

    /** Removed for this caller: deleted, or no longer visible to them (moved away, left the shared drive). */
    private boolean removedFor(ChangeLog.Change c, User user, boolean allDrives) {
        if (c.removed()) {
            return true;
        }
        DriveFile f = store.get(c.fileId());
        return f == null || !store.visible(f, user, allDrives);
    }

    private boolean member(String driveId, User user) {
        SharedDrive d = store.drive(driveId);
        return d != null && d.members().contains(user.username);
    }

    private void requireMember(String driveId, User user) {
        if (!member(driveId, user)) {
            throw new GoogleError(404, "notFound", "global", "Shared drive not found: " + driveId, "driveId",
                    "parameter").failure();
        }
    }

    private long token(String raw) {
        if (raw == null || raw.isBlank()) {
            throw new GoogleError(400, "required", "global", "Required parameter: pageToken", "pageToken", "parameter")
                    .failure();
        }
        try {
            long t = Long.parseLong(raw.trim());
            if (store.changes().valid(t)) {
                return t;
            }
        } catch (NumberFormatException ignored) {
            // answered below
        }
        throw GoogleError.invalidParameter("pageToken", "Invalid Value").failure();
    }

    private static String driveId(MultiMap p) {
        return p.get("driveId") != null ? p.get("driveId") : p.get("teamDriveId");
    }

    private static FieldMask mask(MultiMap p, FieldMask fallback) {
        return p.get("fields") != null ? FieldMask.parse(p.get("fields")) : fallback;
    }
}
