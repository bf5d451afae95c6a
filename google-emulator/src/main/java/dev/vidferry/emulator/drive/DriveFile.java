package dev.vidferry.emulator.drive;

import java.time.Instant;
import java.util.List;

import dev.vidferry.emulator.content.SyntheticContent;

/** A Drive item: folder, blob file (synthetic content) or shortcut. */
public final class DriveFile {

    public static final String FOLDER = "application/vnd.google-apps.folder";
    public static final String SHORTCUT = "application/vnd.google-apps.shortcut";

    public final String id;
    public final String name;
    public final String mimeType;
    public final List<String> parents;
    /** shared drive id, null in My Drive */
    public final String driveId;
    public final String owner;
    public final SyntheticContent content;
    public final Instant createdTime;
    public volatile Instant modifiedTime;
    public volatile boolean trashed;
    public final String shortcutTargetId;
    public final String shortcutTargetMimeType;
    /** width, height, durationMillis; null when Drive hasn't processed the video (yet) */
    public final VideoMeta videoMeta;

    public DriveFile(String id, String name, String mimeType, List<String> parents, String driveId, String owner,
            SyntheticContent content, Instant createdTime, String shortcutTargetId, String shortcutTargetMimeType,
            VideoMeta videoMeta) {
        this.id = id;
        this.name = name;
        this.mimeType = mimeType;
        this.parents = List.copyOf(parents);
        this.driveId = driveId;
        this.owner = owner;
        this.content = content;
        this.createdTime = createdTime;
        this.modifiedTime = createdTime;
        this.shortcutTargetId = shortcutTargetId;
        this.shortcutTargetMimeType = shortcutTargetMimeType;
        this.videoMeta = videoMeta;
    }

    /** The same item under other parents (a move); content, times and the trashed flag carry over. */
    public DriveFile movedTo(String parentId, String newDriveId, String newOwner, Instant now) {
        DriveFile moved = new DriveFile(id, name, mimeType, List.of(parentId), newDriveId, newOwner, content, createdTime,
                shortcutTargetId, shortcutTargetMimeType, videoMeta);
        moved.modifiedTime = now;
        moved.trashed = trashed;
        return moved;
    }

    /** The same item under another name (an update); everything else carries over. */
    public DriveFile renamed(String newName, Instant now) {
        DriveFile renamed = new DriveFile(id, newName, mimeType, parents, driveId, owner, content, createdTime,
                shortcutTargetId, shortcutTargetMimeType, videoMeta);
        renamed.modifiedTime = now;
        renamed.trashed = trashed;
        return renamed;
    }

    public boolean isFolder() {
        return FOLDER.equals(mimeType);
    }

    public boolean isShortcut() {
        return SHORTCUT.equals(mimeType);
    }

    public boolean isBlob() {
        return content != null;
    }

    /** Video metadata as Drive reports it. */
    public record VideoMeta(int width, int height, long durationMillis) {
    }
}
