package dev.vidferry.api.folder;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.vidferry.api.common.ApiException;
import dev.vidferry.model.api.FolderEnqueueRequest;
import dev.vidferry.model.api.FolderSettingsBody;
import dev.vidferry.model.folder.FolderSettings;
import dev.vidferry.model.metadata.MetadataValidator;
import dev.vidferry.model.metadata.PrivacyStatus;
import dev.vidferry.model.metadata.Violation;
import dev.vidferry.platform.drive.ScanRequest;

/**
 * Checks a folder request body and turns it into a scan request and folder settings; every problem is a 400
 * {@code application/problem+json} naming its field ({@code maxFiles}, {@code settings.titleTemplate}, ...).
 */
final class FolderRequests {

    static final int MAX_ID_LENGTH = 200;

    private FolderRequests() {
    }

    /** A checked request. */
    record Checked(ScanRequest scan, boolean skipDuplicates, FolderSettings settings, UUID googleAccountId) {
    }

    static Checked check(String folderId, FolderEnqueueRequest body, int maxDepth, Clock clock) {
        if (folderId == null || folderId.isEmpty() || folderId.length() > MAX_ID_LENGTH
                || !folderId.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '-' || c == '_')) {
            throw ApiException.badRequest("folderId", "invalidId",
                    "folderId must be a Drive folder id (letters, digits, - and _) or root");
        }
        FolderEnqueueRequest b = body == null ? new FolderEnqueueRequest(null, null, null, null, null) : body;
        List<Violation> out = new ArrayList<>();
        int maxFiles = b.maxFiles() == null ? ScanRequest.MAX_FILES_LIMIT : b.maxFiles();
        if (maxFiles < 1 || maxFiles > ScanRequest.MAX_FILES_LIMIT) {
            out.add(new Violation("maxFiles", "outOfRange",
                    "maxFiles must be between 1 and " + ScanRequest.MAX_FILES_LIMIT));
        }
        UUID account = null;
        if (b.googleAccountId() != null && !b.googleAccountId().isBlank()) {
            try {
                account = UUID.fromString(b.googleAccountId().trim());
            } catch (IllegalArgumentException e) {
                out.add(new Violation("googleAccountId", "invalidFormat", "googleAccountId must be a UUID"));
            }
        }
        FolderSettings settings = settings(b.settings(), out, clock);
        if (!out.isEmpty()) {
            throw new ApiException(400, "validation", "Invalid request", out.size() == 1
                    ? out.get(0).field() + ": " + out.get(0).message()
                    : out.size() + " fields are invalid", out);
        }
        boolean recursive = Boolean.TRUE.equals(b.recursive());
        ScanRequest scan = new ScanRequest(folderId, recursive, maxFiles, recursive ? maxDepth : 0);
        return new Checked(scan, b.skipDuplicates() == null || b.skipDuplicates(), settings, account);
    }

    /** The settings, or null with violations under {@code settings.} added to {@code out}. */
    static FolderSettings settings(FolderSettingsBody body, List<Violation> out, Clock clock) {
        if (body == null) {
            return FolderSettings.templates(null, null, false);
        }
        int before = out.size();
        PrivacyStatus privacy = null;
        if (body.privacyStatus() != null) {
            try {
                privacy = PrivacyStatus.fromWire(body.privacyStatus());
            } catch (IllegalArgumentException e) {
                out.add(new Violation("settings.privacyStatus", "invalidPrivacyStatus", e.getMessage()));
            }
        }
        OffsetDateTime publishAt = null;
        if (body.publishAt() != null) {
            try {
                publishAt = OffsetDateTime.parse(body.publishAt());
            } catch (DateTimeParseException e) {
                out.add(new Violation("settings.publishAt", "invalidDateTime",
                        "publishAt must be ISO 8601 with an offset, e.g. 2027-01-01T10:00:00Z"));
            }
        }
        storable(out, "titleTemplate", body.titleTemplate());
        storable(out, "descriptionTemplate", body.descriptionTemplate());
        storable(out, "categoryId", body.categoryId());
        storable(out, "playlistId", body.playlistId());
        if (out.size() > before) {
            return null;
        }
        FolderSettings settings = new FolderSettings(body.titleTemplate(), body.descriptionTemplate(),
                Boolean.TRUE.equals(body.includeMd5Marker()), privacy, body.categoryId(), body.tags(),
                body.madeForKids(), body.notifySubscribers(), publishAt, body.playlistId());
        settings.validate(clock).forEach(v -> out.add(v.under("settings")));
        return settings;
    }

    private static void storable(List<Violation> out, String field, String value) {
        String problem = MetadataValidator.unstorable(value);
        if (problem != null) {
            out.add(new Violation("settings." + field, "unstorableText", problem));
        }
    }
}
