package dev.vidferry.api.drive;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

import dev.vidferry.api.common.ApiException;
import dev.vidferry.api.common.Cursor;
import dev.vidferry.api.common.GoogleCalls;
import dev.vidferry.model.api.DriveItem;
import dev.vidferry.model.api.DriveItemPage;

/** Drive browsing with the caller's Google account: the query parameters checked here, the calls on a worker thread. */
@ApplicationScoped
public class DriveService {

    static final int DEFAULT_PAGE_SIZE = 100;
    static final int MAX_PAGE_SIZE = 1000;
    static final int MAX_ID_LENGTH = 200;

    private final GoogleCalls google;
    private final DriveBrowser browser;

    public DriveService(GoogleCalls google, DriveBrowser browser) {
        this.google = google;
        this.browser = browser;
    }

    public Uni<DriveItemPage> list(String ownerId, String folderId, String videoOnly, String pageToken,
            String pageSize) {
        String folder = id("folderId", folderId == null || folderId.isBlank() ? DriveBrowser.ROOT : folderId.trim());
        boolean onlyVideos = flag("videoOnly", videoOnly, true);
        String token = pageToken == null || pageToken.isBlank() ? null : pageToken;
        if (token != null && (token.length() > 1024 || !token.chars().allMatch(c -> c > 32 && c < 127))) {
            throw ApiException.badRequest("pageToken", "invalidPageToken", "pageToken is not one this listing handed out");
        }
        int size = Cursor.limit(pageSize, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, "pageSize");
        return google.run(ownerId, credentials -> browser.list(credentials, folder, onlyVideos, token, size));
    }

    public Uni<DriveItem> get(String ownerId, String fileId) {
        String id = id("id", fileId);
        return google.run(ownerId, credentials -> browser.describe(credentials, id));
    }

    private static String id(String field, String value) {
        if (value == null || value.isEmpty() || value.length() > MAX_ID_LENGTH
                || !value.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '-' || c == '_')) {
            throw ApiException.badRequest(field, "invalidId", field + " must be a Drive id (letters, digits, - and _)");
        }
        return value;
    }

    private static boolean flag(String field, String value, boolean fallback) {
        if (value == null || value.isEmpty()) {
            return fallback;
        }
        if (value.equals("true") || value.equals("false")) {
            return Boolean.parseBoolean(value);
        }
        throw ApiException.badRequest(field, "invalidBoolean", field + " must be true or false");
    }
}
