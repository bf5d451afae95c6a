package dev.vidferry.emulator.drive;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

import dev.vidferry.emulator.auth.User;
import dev.vidferry.emulator.content.SyntheticContent;

/** Every Drive item and shared drive, with visibility rules. */
public final class DriveStore {

    private static final String ID_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, DriveFile> files = new ConcurrentHashMap<>();
    private final Map<String, SharedDrive> drives = new ConcurrentHashMap<>();
    /** parent id to the ids of its children, so listing a folder does not walk the whole store */
    private final Map<String, Set<String>> children = new ConcurrentHashMap<>();
    private final ChangeLog changes = new ChangeLog();
    private final Executor digestExecutor;
    private final Supplier<Instant> clock;

    public DriveStore(Executor digestExecutor, Supplier<Instant> clock) {
        this.digestExecutor = digestExecutor;
        this.clock = clock;
    }

    public void reset() {
        files.clear();
        children.clear();
        drives.clear();
        changes.reset();
    }

    /** Every create, update, trash, move and delete, for {@code changes.list}. */
    public ChangeLog changes() {
        return changes;
    }

    public static String newFileId() {
        StringBuilder sb = new StringBuilder("1");
        for (int i = 0; i < 32; i++) {
            sb.append(ID_CHARS.charAt(RANDOM.nextInt(ID_CHARS.length())));
        }
        return sb.toString();
    }

    public void addRootFolder(User user, Instant now) {
        files.put(user.rootFolderId, new DriveFile(user.rootFolderId, "My Drive", DriveFile.FOLDER, List.of(), null,
                user.username, null, now, null, null, null));
    }

    public SharedDrive addSharedDrive(String name, Set<String> members, Instant now) {
        StringBuilder id = new StringBuilder("0A");
        for (int i = 0; i < 17; i++) {
            id.append(ID_CHARS.charAt(RANDOM.nextInt(62)));
        }
        id.append("Uk9PVA");
        SharedDrive drive = new SharedDrive(id.toString(), name, ConcurrentHashMap.newKeySet());
        drive.members().addAll(members);
        drives.put(drive.id(), drive);
        files.put(drive.id(), new DriveFile(drive.id(), name, DriveFile.FOLDER, List.of(), drive.id(), null, null, now,
                null, null, null));
        return drive;
    }

    public DriveFile add(DriveFile file) {
        files.put(file.id, file);
        link(file);
        if (file.content != null) {
            file.content.digests(digestExecutor);
        }
        changes.record(file, false, clock.get());
        return file;
    }

    /** Deletes the item for good (no trash); a {@code removed} change. */
    public DriveFile remove(String id) {
        DriveFile f = files.remove(id);
        if (f != null) {
            unlink(f);
            changes.record(f, true, clock.get());
        }
        return f;
    }

    /** Moves the item to or out of the trash; a change that lists it with {@code trashed}. */
    public DriveFile trash(String id, boolean trashed) {
        DriveFile f = files.get(id);
        if (f != null) {
            f.trashed = trashed;
            f.modifiedTime = clock.get();
            changes.record(f, false, f.modifiedTime);
        }
        return f;
    }

    /** Renames the item (an update of its metadata); a change with the new name. */
    public DriveFile rename(String id, String name) {
        DriveFile f = files.get(id);
        if (f == null) {
            return null;
        }
        DriveFile renamed = f.renamed(name, clock.get());
        files.put(id, renamed);
        changes.record(renamed, false, renamed.modifiedTime);
        return renamed;
    }

    /** Moves the item under {@code parentId} (into or out of a shared drive too); a change with the new parents. */
    public DriveFile move(String id, String parentId) {
        DriveFile f = files.get(id);
        DriveFile parent = files.get(parentId);
        if (f == null || parent == null) {
            return null;
        }
        String owner = parent.driveId != null ? null : parent.owner;
        DriveFile moved = f.movedTo(parentId, parent.driveId, owner, clock.get());
        files.put(id, moved);
        unlink(f);
        link(moved);
        changes.record(moved, false, moved.modifiedTime);
        return moved;
    }

    /** The items whose parents include {@code parentId}. */
    public List<DriveFile> childrenOf(String parentId) {
        Set<String> ids = children.get(parentId);
        return ids == null ? List.of() : ids.stream().map(files::get).filter(f -> f != null).toList();
    }

    private void link(DriveFile f) {
        f.parents.forEach(p -> children.computeIfAbsent(p, k -> ConcurrentHashMap.newKeySet()).add(f.id));
    }

    private void unlink(DriveFile f) {
        f.parents.forEach(p -> {
            Set<String> ids = children.get(p);
            if (ids != null) {
                ids.remove(f.id);
            }
        });
    }

    public DriveFile get(String id) {
        return files.get(id);
    }

    public SharedDrive drive(String id) {
        return id == null ? null : drives.get(id);
    }

    public Collection<SharedDrive> drives() {
        return drives.values();
    }

    public Collection<DriveFile> all() {
        return files.values();
    }

    public Executor digestExecutor() {
        return digestExecutor;
    }

    /** Whether the user can see the file; shared-drive items only when the request allows all drives. */
    public boolean visible(DriveFile f, User user, boolean allDrives) {
        if (f.driveId == null) {
            return user.username.equals(f.owner);
        }
        SharedDrive d = drives.get(f.driveId);
        return allDrives && d != null && d.members().contains(user.username);
    }

    public List<DriveFile> ownedBy(String username) {
        return files.values().stream()
                .filter(f -> username.equals(f.owner) || (f.driveId != null && drive(f.driveId) != null
                        && drive(f.driveId).members().contains(username)))
                .sorted(Comparator.comparing((DriveFile f) -> f.createdTime).thenComparing(f -> f.id)).toList();
    }

    public SyntheticContent content(long seed, long size) {
        return new SyntheticContent(seed, size);
    }
}
