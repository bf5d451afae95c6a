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
    /** the head revision's bytes; replaced (same size or not) by {@link #replaceContent} */
    public volatile SyntheticContent content;
    /** bumped on every content change; part of {@code headRevisionId} */
    public volatile int revision;
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

    /** New bytes for a blob file: a new head revision, a new {@code modifiedTime} (never equal to the old one). */
    public synchronized void replaceContent(SyntheticContent newContent, Instant now) {
        content = newContent;
        revision++;
        modifiedTime = now.isAfter(modifiedTime) ? now : modifiedTime.plusMillis(1);
    }

    /** Drive's opaque {@code headRevisionId}: changes with every content change. */
    public String headRevisionId() {
        String base = "0B" + id.substring(1, Math.min(id.length(), 12));
        return revision == 0 ? base : base + "R" + revision;
    }

    /** The same item under other parents (a move); content, times and the trashed flag carry over. */
    public DriveFile movedTo(String parentId, String newDriveId, String newOwner, Instant now) {
        DriveFile moved = new DriveFile(id, name, mimeType, List.of(parentId), newDriveId, newOwner, content, createdTime,
                shortcutTargetId, shortcutTargetMimeType, videoMeta);
        moved.modifiedTime = now;
        moved.trashed = trashed;
        moved.revision = revision;
        return moved;
    }

    /** The same item under another name (an update); everything else carries over. */
    public DriveFile renamed(String newName, Instant now) {
        DriveFile renamed = new DriveFile(id, newName, mimeType, parents, driveId, owner, content, createdTime,
                shortcutTargetId, shortcutTargetMimeType, videoMeta);
        renamed.modifiedTime = now;
        renamed.trashed = trashed;
        renamed.revision = revision;
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
