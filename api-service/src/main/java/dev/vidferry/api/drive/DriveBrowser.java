package dev.vidferry.api.drive;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.services.drive.Drive;
import com.google.api.services.drive.model.File;
import com.google.api.services.drive.model.FileList;
import com.google.auth.oauth2.UserCredentials;

import dev.vidferry.api.common.ApiException;
import dev.vidferry.api.common.GoogleFailures;
import dev.vidferry.model.api.DriveItem;
import dev.vidferry.model.api.DriveItemPage;
import dev.vidferry.model.folder.VideoFiles;
import dev.vidferry.model.metadata.Violation;
import dev.vidferry.platform.drive.DriveQueries;
import dev.vidferry.platform.google.GoogleApis;

/**
 * Lists and describes Drive items with the caller's credentials (blocking: call it on a worker thread). My Drive and
 * shared drives alike ({@code supportsAllDrives}, {@code includeItemsFromAllDrives}); shortcuts are shown as their
 * target (one {@code files.get} per shortcut of a page). Video detection is the folder scanner's
 * ({@link VideoFiles#isVideo}).
 */
@ApplicationScoped
public class DriveBrowser {

    static final String FOLDER = "application/vnd.google-apps.folder";
    static final String ITEM_FIELDS = "id,name,mimeType,size,md5Checksum,modifiedTime,driveId,trashed,"
            + "capabilities(canDownload),shortcutDetails(targetId,targetMimeType)";
    static final String LIST_FIELDS = "nextPageToken,files(" + ITEM_FIELDS + ")";
    static final String ROOT = "root";
    /** Shared drives shown at the top of the first page of {@code root}. */
    static final int MAX_SHARED_DRIVES = 100;

    private final GoogleApis apis;

    public DriveBrowser(GoogleApis apis) {
        this.apis = apis;
    }

    /** One page of {@code folderId}'s children (not trashed), folders first. */
    public DriveItemPage list(UserCredentials credentials, String folderId, boolean videoOnly, String pageToken,
            int pageSize) {
        Drive drive = apis.drive(credentials);
        List<DriveItem> items = new ArrayList<>();
        try {
            if (!ROOT.equals(folderId)) {
                File folder = get(drive, folderId, "folderId");
                if (!FOLDER.equals(folder.getMimeType())) {
                    throw ApiException.invalidField("not-a-folder", "folderId", "notAFolder",
                            "folderId names a " + folder.getMimeType() + ", not a folder");
                }
            } else if (pageToken == null) {
                var drives = drive.drives().list().setPageSize(MAX_SHARED_DRIVES)
                        .setFields("drives(id,name)").execute();
                if (drives.getDrives() != null) {
                    drives.getDrives().forEach(d -> items.add(DriveItem.sharedDrive(d.getId(), d.getName())));
                }
            }
            FileList page = drive.files().list().setQ(DriveQueries.childrenOf(folderId)).setFields(LIST_FIELDS)
                    .setPageSize(pageSize).setPageToken(pageToken).setOrderBy("folder,name")
                    .setSupportsAllDrives(true).setIncludeItemsFromAllDrives(true).setCorpora("allDrives").execute();
            if (page.getFiles() != null) {
                for (File file : page.getFiles()) {
                    DriveItem item = item(drive, file);
                    if (!videoOnly || DriveItem.FOLDER.equals(item.kind()) || DriveItem.VIDEO.equals(item.kind())) {
                        items.add(item);
                    }
                }
            }
            return new DriveItemPage(items, page.getNextPageToken());
        } catch (GoogleJsonResponseException e) {
            if (e.getStatusCode() == 400 && pageToken != null) {
                throw ApiException.badRequest("pageToken", "invalidPageToken",
                        "pageToken is not one this listing handed out");
            }
            throw GoogleFailures.of(e, "Google Drive", () -> notFound("folderId", folderId));
        } catch (IOException e) {
            throw GoogleFailures.of(e, "Google Drive", () -> notFound("folderId", folderId));
        }
    }

    /** One item (a shortcut shown as its target); missing, trashed or invisible: 404. */
    public DriveItem describe(UserCredentials credentials, String fileId) {
        Drive drive = apis.drive(credentials);
        try {
            return item(drive, get(drive, fileId, "id"));
        } catch (IOException e) {
            throw GoogleFailures.of(e, "Google Drive", () -> notFound("id", fileId));
        }
    }

    private DriveItem item(Drive drive, File file) throws IOException {
        if (!DriveLookup.SHORTCUT.equals(file.getMimeType())) {
            return of(file, file.getId(), file.getName(), null);
        }
        String targetId = file.getShortcutDetails() == null ? null : file.getShortcutDetails().getTargetId();
        if (targetId == null) {
            return broken(file, null);
        }
        try {
            File target = drive.files().get(targetId).setFields(ITEM_FIELDS).setSupportsAllDrives(true).execute();
            return Boolean.TRUE.equals(target.getTrashed())
                    ? broken(file, targetId)
                    : of(target, file.getId(), file.getName(), targetId);
        } catch (GoogleJsonResponseException e) {
            if (e.getStatusCode() == 404) {
                return broken(file, targetId);
            }
            throw e;
        }
    }

    private static File get(Drive drive, String id, String field) throws IOException {
        try {
            File file = drive.files().get(id).setFields(ITEM_FIELDS).setSupportsAllDrives(true).execute();
            if (Boolean.TRUE.equals(file.getTrashed())) {
                throw notFound(field, id);
            }
            return file;
        } catch (GoogleJsonResponseException e) {
            if (e.getStatusCode() == 404 || e.getStatusCode() == 400) {
                throw notFound(field, id);
            }
            throw e;
        }
    }

    private static DriveItem of(File file, String id, String name, String targetId) {
        String kind = FOLDER.equals(file.getMimeType())
                ? DriveItem.FOLDER
                : VideoFiles.isVideo(file.getMimeType(), file.getName()) ? DriveItem.VIDEO : DriveItem.FILE;
        boolean canDownload = file.getCapabilities() == null || file.getCapabilities().getCanDownload() == null
                || file.getCapabilities().getCanDownload();
        return new DriveItem(id, name, kind, file.getMimeType(), file.getSize(), file.getMd5Checksum(),
                modified(file), file.getDriveId(), targetId, !DriveItem.FOLDER.equals(kind) && canDownload);
    }

    private static DriveItem broken(File shortcut, String targetId) {
        return new DriveItem(shortcut.getId(), shortcut.getName(), DriveItem.BROKEN_SHORTCUT, shortcut.getMimeType(),
                null, null, modified(shortcut), shortcut.getDriveId(), targetId, false);
    }

    private static Instant modified(File file) {
        return file.getModifiedTime() == null ? null : Instant.ofEpochMilli(file.getModifiedTime().getValue());
    }

    private static ApiException notFound(String field, String id) {
        String message = "no Drive item with this id is visible to your Google account";
        return new ApiException(404, "drive-file-not-found", "Drive file not found", field + ": " + message,
                List.of(new Violation(field, "driveFileNotFound", message)));
    }
}
