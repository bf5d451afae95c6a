package dev.vidferry.api.folder;

import java.io.IOException;
import java.util.List;

import com.google.api.client.googleapis.json.GoogleJsonResponseException;

import dev.vidferry.api.common.ApiException;
import dev.vidferry.api.common.GoogleFailures;
import dev.vidferry.model.metadata.Violation;
import dev.vidferry.platform.google.GoogleCredentialsFactory;

/**
 * A failed folder scan as our answer, like the Drive file lookups: not found 404 naming {@code folderId}, Drive refusing
 * the folder 403, dead credentials 409 (reconnect), quota 429, anything else 503.
 */
final class FolderFailures {

    private FolderFailures() {
    }

    static ApiException notFound(String message) {
        return new ApiException(404, "drive-folder-not-found", "Drive folder not found", "folderId: " + message,
                List.of(new Violation("folderId", "driveFolderNotFound", message)));
    }

    static RuntimeException of(IOException e) {
        if (e instanceof GoogleJsonResponseException g && !GoogleCredentialsFactory.isInvalidGrant(e)) {
            String reason = GoogleFailures.reason(g);
            if (g.getStatusCode() == 404 || g.getStatusCode() == 400) {
                return notFound("no Drive folder with this id is visible to your Google account");
            }
            if (g.getStatusCode() == 403 && !quotaOrRate(reason)) {
                return new ApiException(403, "drive-forbidden", "Drive refused the folder",
                        "folderId: your Google account may not list this Drive folder",
                        List.of(new Violation("folderId", "driveForbidden",
                                "your Google account may not list this Drive folder")));
            }
        }
        // dead credentials come back as DriveLookup.ReconnectRequired: GoogleCalls marks the account and answers 409
        return GoogleFailures.of(e, "Google Drive",
                () -> notFound("no Drive folder with this id is visible to your Google account"));
    }

    /** A 403 that is about quota or rate, not about the folder. */
    private static boolean quotaOrRate(String reason) {
        return "quotaExceeded".equals(reason) || "dailyLimitExceeded".equals(reason)
                || "rateLimitExceeded".equals(reason) || "userRateLimitExceeded".equals(reason);
    }
}
