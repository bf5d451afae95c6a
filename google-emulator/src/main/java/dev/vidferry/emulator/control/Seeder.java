package dev.vidferry.emulator.control;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;

import dev.vidferry.emulator.EmulatorState;
import dev.vidferry.emulator.auth.User;
import dev.vidferry.emulator.content.SyntheticContent;
import dev.vidferry.emulator.drive.DriveFile;
import dev.vidferry.emulator.drive.DriveStore;
import dev.vidferry.emulator.drive.SharedDrive;
import dev.vidferry.emulator.http.Json;

/** Creates Drive content: single items, nested trees from a JSON spec, and the demo seed. */
public final class Seeder {

    private final EmulatorState state;
    private final DriveStore drive;

    public Seeder(EmulatorState state) {
        this.state = state;
        this.drive = state.drive();
    }

    public DriveFile folder(User owner, String parentId, String name) {
        return add(owner, parentId, name, DriveFile.FOLDER, null, null, null);
    }

    public DriveFile file(User owner, String parentId, String name, String mimeType, long size, Long seed,
            DriveFile.VideoMeta meta) {
        String id = DriveStore.newFileId();
        long s = seed != null ? seed : id.hashCode() * 0x9E3779B97F4A7C15L;
        return put(new DriveFile(id, name, mimeType, List.of(parentId), driveOf(parentId), owner(owner, parentId),
                new SyntheticContent(s, size), state.clock().now(), null, null, meta));
    }

    /** A file whose content is exactly {@code bytes} (a sidecar or manifest a test writes). */
    public DriveFile textFile(User owner, String parentId, String name, String mimeType, byte[] bytes) {
        return put(new DriveFile(DriveStore.newFileId(), name, mimeType, List.of(parentId), driveOf(parentId),
                owner(owner, parentId), SyntheticContent.literal(bytes), state.clock().now(), null, null, null));
    }

    public DriveFile shortcut(User owner, String parentId, String name, String targetId) {
        DriveFile target = drive.get(targetId);
        return add(owner, parentId, name, DriveFile.SHORTCUT, targetId,
                target != null ? target.mimeType : "application/octet-stream", null);
    }

    private DriveFile add(User owner, String parentId, String name, String mime, String targetId, String targetMime,
            DriveFile.VideoMeta meta) {
        return put(new DriveFile(DriveStore.newFileId(), name, mime, List.of(parentId), driveOf(parentId),
                owner(owner, parentId), null, state.clock().now(), targetId, targetMime, meta));
    }

    private DriveFile put(DriveFile f) {
        if (drive.get(f.parents.get(0)) == null) {
            throw new Json.BadRequest("notFound", "Parent folder not found: " + f.parents.get(0));
        }
        return drive.add(f);
    }

    private String driveOf(String parentId) {
        DriveFile parent = drive.get(parentId);
        return parent == null ? null : parent.driveId;
    }

    private String owner(User owner, String parentId) {
        return driveOf(parentId) != null ? null : owner.username;
    }

    /**
     * Seeds a tree: {@code items: [{name, folder, children: [...], files: {count, size, namePattern, mimeType}},
     * {name, size, mimeType, seed}, {name, text, mimeType} (exactly those UTF-8 bytes), {name, shortcutTo}]} under {@code parentId}; returns every created item.
     */
    public void tree(User owner, String parentId, JsonNode items, ArrayNode created) {
        for (JsonNode item : items) {
            String name = item.path("name").asText("untitled");
            if (item.path("folder").asBoolean(false) || item.has("children") || item.has("files")) {
                DriveFile f = folder(owner, parentId, name);
                created.add(summary(f));
                JsonNode gen = item.path("files");
                if (gen.isObject()) {
                    int count = gen.path("count").asInt(0);
                    String pattern = gen.path("namePattern").asText("video-%03d.mp4");
                    for (int i = 1; i <= count; i++) {
                        created.add(summary(file(owner, f.id, String.format(pattern, i),
                                gen.path("mimeType").asText("video/mp4"), gen.path("size").asLong(1 << 20), null,
                                videoMeta(gen.path("mimeType").asText("video/mp4"), i))));
                    }
                }
                tree(owner, f.id, item.path("children"), created);
            } else if (item.has("text")) {
                created.add(summary(textFile(owner, parentId, name, item.path("mimeType").asText("text/plain"),
                        item.get("text").asText().getBytes(StandardCharsets.UTF_8))));
            } else if (item.has("shortcutTo")) {
                created.add(summary(shortcut(owner, parentId, name, item.get("shortcutTo").asText())));
            } else if (item.path("mimeType").asText("").startsWith("application/vnd.google-apps.")) {
                created.add(summary(add(owner, parentId, name, item.get("mimeType").asText(), null, null, null)));
            } else {
                String mime = item.path("mimeType").asText("video/mp4");
                created.add(summary(file(owner, parentId, name, mime, item.path("size").asLong(0),
                        item.hasNonNull("seed") ? item.get("seed").asLong() : null, videoMeta(mime, name.length()))));
            }
        }
    }

    static DriveFile.VideoMeta videoMeta(String mime, int i) {
        return mime.startsWith("video/") ? new DriveFile.VideoMeta(1920, 1080, 30_000L + 1000L * (i % 60)) : null;
    }

    public static com.fasterxml.jackson.databind.node.ObjectNode summary(DriveFile f) {
        var o = Json.object().put("id", f.id).put("name", f.name).put("mimeType", f.mimeType);
        o.putArray("parents").add(f.parents.isEmpty() ? null : f.parents.get(0));
        if (f.driveId != null) {
            o.put("driveId", f.driveId);
        }
        if (f.isBlob()) {
            o.put("size", f.content.size()).put("seed", f.content.seed());
            SyntheticContent.Digests d = f.content.digestsIfDone();
            if (d != null) {
                o.put("md5", d.md5()).put("sha256", d.sha256());
            }
        }
        if (f.isShortcut()) {
            o.put("shortcutTargetId", f.shortcutTargetId);
        }
        return o;
    }

    /** Users alice and bob with channels, a Demo folder tree with ~20 videos, a shortcut and a shared drive. */
    public void demo() {
        long mib = 1 << 20;
        for (String name : new String[]{"alice", "bob"}) {
            demoTree(state.createUser(name, name + "@vidferry.test", name, null, true));
        }
        SharedDrive team = drive.addSharedDrive("Team Videos", Set.of("alice", "bob"), state.clock().now());
        User alice = state.accounts().user("alice");
        DriveFile promo = folder(alice, team.id(), "Promo");
        for (int i = 1; i <= 3; i++) {
            file(alice, promo.id, String.format("promo-%02d.mp4", i), "video/mp4", 4 * mib, 900L + i,
                    videoMeta("video/mp4", i));
        }
    }

    /**
     * The demo's {@code Demo/} folder in {@code u}'s My Drive: {@code Holidays/} (8 videos), {@code Talks/} (8
     * videos), 4 {@code .mov} clips, {@code notes.txt} and the shortcut {@code best-holiday.mp4}. Returns the folder.
     */
    public DriveFile demoTree(User u) {
        long mib = 1 << 20;
        String name = u.username;
        DriveFile demo = folder(u, u.rootFolderId, "Demo");
        DriveFile holidays = folder(u, demo.id, "Holidays");
        DriveFile talks = folder(u, demo.id, "Talks");
        DriveFile first = null;
        for (int i = 1; i <= 8; i++) {
            DriveFile f = file(u, holidays.id, String.format("holiday-%02d.mp4", i), "video/mp4", (2 + i % 4) * mib,
                    (long) (name.hashCode() * 31 + i), videoMeta("video/mp4", i));
            first = first == null ? f : first;
        }
        for (int i = 1; i <= 8; i++) {
            file(u, talks.id, String.format("talk-%02d.mp4", i), "video/mp4", (1 + i % 3) * mib,
                    (long) (name.hashCode() * 37 + i), videoMeta("video/mp4", i));
        }
        for (int i = 1; i <= 4; i++) {
            file(u, demo.id, String.format("clip-%02d.mov", i), "video/quicktime", 3 * mib,
                    (long) (name.hashCode() * 41 + i), videoMeta("video/quicktime", i));
        }
        file(u, demo.id, "notes.txt", "text/plain", 2048, (long) name.hashCode(), null);
        shortcut(u, demo.id, "best-holiday.mp4", first.id);
        return demo;
    }
}
