package dev.vidferry.platform.drive;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.services.drive.model.File;

/** The Drive fields a scan asks for, and the mapping of a listed file to a {@link ScannedVideo}. */
final class DriveFiles {

    static final String FOLDER = "application/vnd.google-apps.folder";
    static final String SHORTCUT = "application/vnd.google-apps.shortcut";

    /** Everything a job needs from files.list, so no file needs a files.get. */
    static final String FILE_FIELDS = "id,name,mimeType,size,md5Checksum,headRevisionId,modifiedTime,parents,driveId,"
            + "trashed,shortcutDetails(targetId,targetMimeType)";
    static final String LIST_FIELDS = "nextPageToken,files(" + FILE_FIELDS + ")";
    static final int PAGE_SIZE = 1000;

    private DriveFiles() {
    }

    static boolean isFolder(String mimeType) {
        return FOLDER.equals(mimeType);
    }

    static boolean isShortcut(String mimeType) {
        return SHORTCUT.equals(mimeType);
    }

    static boolean notFound(Exception e) {
        return e instanceof GoogleJsonResponseException g && g.getStatusCode() == 404;
    }

    /**
     * The video {@code file} as found in {@code folderId} ({@code folder}) under {@code name} (a shortcut's own name
     * when {@code shortcutId} is set).
     */
    static ScannedVideo video(File file, String name, String shortcutId, String folderId,
            FolderIndex.KnownFolder folder, String rootName) {
        List<String> warnings = new ArrayList<>();
        if (shortcutId != null) {
            warnings.add("reached through shortcut " + name + " (" + shortcutId + ")");
        }
        if (file.getMd5Checksum() == null) {
            warnings.add("Drive gives no md5Checksum: duplicates cannot be found by content");
        }
        if (file.getSize() == null) {
            warnings.add("Drive gives no size");
        }
        Instant modified = file.getModifiedTime() == null
                ? null
                : Instant.ofEpochMilli(file.getModifiedTime().getValue());
        return new ScannedVideo(file.getId(), name, folder.path(), folderId, folder.name(), rootName, file.getSize(),
                file.getMd5Checksum(), file.getHeadRevisionId(), file.getMimeType(), modified, file.getDriveId(),
                shortcutId, null, null, warnings);
    }
}
