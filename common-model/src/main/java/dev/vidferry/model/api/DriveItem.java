package dev.vidferry.model.api;

import java.time.Instant;

/**
 * One entry of a Drive folder as {@code GET /api/v1/drive/files} shows it. A shortcut is shown as what it points to:
 * {@code kind}, {@code mimeType}, {@code size} and {@code md5Checksum} are its target's, {@code id} and {@code name}
 * its own, {@code targetId} the target's id.
 *
 * @param id the item's id (a shortcut's own id; usable as {@code driveFileId} of a job)
 * @param name its name
 * @param kind {@code folder}, {@code video}, {@code file} (neither), {@code sharedDrive} (a shared drive's root), or
 *        {@code brokenShortcut} (a shortcut whose target is gone or invisible)
 * @param mimeType Drive mime type (a shortcut's: its target's)
 * @param size bytes; null for folders and content-less items
 * @param md5Checksum md5 when Drive has one
 * @param modifiedTime last modification
 * @param driveId the shared drive holding it, null in My Drive
 * @param targetId a shortcut's target id, else null
 * @param canDownload capabilities.canDownload (of the target for a shortcut)
 */
public record DriveItem(String id, String name, String kind, String mimeType, Long size, String md5Checksum,
        Instant modifiedTime, String driveId, String targetId, boolean canDownload) {

    public static final String FOLDER = "folder";
    public static final String VIDEO = "video";
    public static final String FILE = "file";
    public static final String SHARED_DRIVE = "sharedDrive";
    public static final String BROKEN_SHORTCUT = "brokenShortcut";

    /** The root of a shared drive, browsable with {@code folderId=<id>}. */
    public static DriveItem sharedDrive(String id, String name) {
        return new DriveItem(id, name, SHARED_DRIVE, "application/vnd.google-apps.folder", null, null, null, id, null,
                false);
    }
}
