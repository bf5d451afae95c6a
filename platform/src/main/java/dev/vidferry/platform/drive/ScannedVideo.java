package dev.vidferry.platform.drive;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import dev.vidferry.model.folder.FileOverrides;
import dev.vidferry.model.folder.SkipReason;
import dev.vidferry.model.folder.TemplateContext;

/**
 * A video a scan found, with everything a job needs and nothing fetched per file.
 *
 * @param fileId the Drive file to download (a shortcut's target)
 * @param name the name in the folder (a shortcut's own name)
 * @param folderPath the folder relative to the scan root, {@code A/B}; empty for the root's own files
 * @param folderId the id of the folder it was found in
 * @param folderName the name of that folder
 * @param rootFolderName the name of the scanned folder
 * @param size bytes, null when Drive gives none
 * @param md5 Drive's md5Checksum, null when Drive gives none
 * @param revision Drive's headRevisionId
 * @param mimeType the file's MIME type
 * @param modifiedTime Drive's modifiedTime
 * @param driveId the shared drive holding the file, null in My Drive
 * @param shortcutId the shortcut it was reached through, else null
 * @param overrides per-file metadata from a sidecar and/or a manifest row, null when none
 * @param skipReason why it must not be queued (a bad sidecar), else null
 * @param warnings things the user may want to know (no md5, reached via shortcut)
 */
public record ScannedVideo(String fileId, String name, String folderPath, String folderId, String folderName,
        String rootFolderName, Long size, String md5, String revision, String mimeType, Instant modifiedTime,
        String driveId, String shortcutId, FileOverrides overrides, SkipReason skipReason, List<String> warnings) {

    public ScannedVideo {
        warnings = List.copyOf(warnings);
    }

    /** The template context of this file, queued at {@code now} in {@code zone}. */
    public TemplateContext templateContext(Instant now, ZoneId zone) {
        return TemplateContext.of(name, folderName, rootFolderName, folderPath, now, zone);
    }

    ScannedVideo withMetadata(FileOverrides overrides, SkipReason skipReason) {
        return new ScannedVideo(fileId, name, folderPath, folderId, folderName, rootFolderName, size, md5, revision,
                mimeType, modifiedTime, driveId, shortcutId, overrides, skipReason, warnings);
    }
}
