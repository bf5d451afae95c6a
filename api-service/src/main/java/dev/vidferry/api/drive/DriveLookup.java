package dev.vidferry.api.drive;

import java.io.IOException;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.services.drive.Drive;
import com.google.api.services.drive.model.File;
import com.google.auth.oauth2.UserCredentials;

import io.quarkus.logging.Log;

import dev.vidferry.api.account.GoogleAccountService.StoredCredentials;
import dev.vidferry.api.common.ApiException;
import dev.vidferry.platform.google.GoogleApis;
import dev.vidferry.platform.google.GoogleCredentialsFactory;

/**
 * Looks a file up in Drive with the caller's credentials (blocking: call it on a worker thread). Always asks for
 * explicit {@code fields}: without them Drive answers no size and no md5.
 */
@ApplicationScoped
public class DriveLookup {

    static final String SHORTCUT = "application/vnd.google-apps.shortcut";
    static final String FIELDS = "id,name,mimeType,size,md5Checksum,capabilities(canDownload),shortcutDetails,trashed";

    private final GoogleCredentialsFactory credentialsFactory;
    private final GoogleApis apis;

    public DriveLookup(GoogleCredentialsFactory credentialsFactory, GoogleApis apis) {
        this.credentialsFactory = credentialsFactory;
        this.apis = apis;
    }

    /** Thrown when Google says the stored refresh token is dead. */
    public static class ReconnectRequired extends RuntimeException {

        public ReconnectRequired() {
            super("Google refused the stored credentials", null, false, false);
        }
    }

    /**
     * The file named by {@code fileId} (a shortcut is resolved to its target). Missing, trashed or invisible: 404
     * naming {@code driveFileId}.
     */
    public DriveFileInfo lookup(StoredCredentials stored, String fileId) {
        UserCredentials credentials = credentialsFactory.userCredentials(stored.refreshToken(), stored.accessToken(),
                stored.expiresAt());
        Drive drive = apis.drive(credentials);
        File file = get(drive, fileId, false);
        if (SHORTCUT.equals(file.getMimeType())) {
            if (file.getShortcutDetails() == null || file.getShortcutDetails().getTargetId() == null) {
                throw notFound("driveFileId is a shortcut without a target");
            }
            file = get(drive, file.getShortcutDetails().getTargetId(), true);
        }
        boolean canDownload = file.getCapabilities() == null || file.getCapabilities().getCanDownload() == null
                || file.getCapabilities().getCanDownload();
        return new DriveFileInfo(file.getId(), file.getName(), file.getMimeType(), file.getSize(),
                file.getMd5Checksum(), canDownload);
    }

    private File get(Drive drive, String id, boolean shortcutTarget) {
        try {
            File file = drive.files().get(id).setFields(FIELDS).setSupportsAllDrives(true).execute();
            if (Boolean.TRUE.equals(file.getTrashed())) {
                throw notFound(shortcutTarget
                        ? "the shortcut's target is in the Drive trash"
                        : "the Drive file is in the trash");
            }
            return file;
        } catch (GoogleJsonResponseException e) {
            if (e.getStatusCode() == 404) {
                throw notFound(shortcutTarget
                        ? "the shortcut's target no longer exists or is not visible to you"
                        : "no Drive file with this id is visible to your Google account");
            }
            if (e.getStatusCode() == 403) {
                throw ApiException.invalidField("drive-forbidden", "driveFileId", "driveForbidden",
                        "your Google account may not read this Drive file");
            }
            if (e.getStatusCode() == 400) {
                throw notFound("no Drive file with this id is visible to your Google account");
            }
            if (e.getStatusCode() == 401 || GoogleCredentialsFactory.isInvalidGrant(e)) {
                throw new ReconnectRequired();
            }
            throw unavailable(e);
        } catch (IOException e) {
            if (GoogleCredentialsFactory.isInvalidGrant(e)) {
                throw new ReconnectRequired();
            }
            throw unavailable(e);
        }
    }

    private static ApiException notFound(String message) {
        return new ApiException(404, "drive-file-not-found", "Drive file not found", "driveFileId: " + message,
                List.of(new dev.vidferry.model.metadata.Violation("driveFileId", "driveFileNotFound", message)));
    }

    private static ApiException unavailable(Exception e) {
        Log.warnf("Drive lookup failed: %s", e.getClass().getSimpleName());
        return new ApiException(503, "google-unavailable", "Google unavailable",
                "Google Drive could not be reached; try again later", List.of());
    }
}
