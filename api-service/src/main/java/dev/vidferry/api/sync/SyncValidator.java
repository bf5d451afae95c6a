package dev.vidferry.api.sync;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import dev.vidferry.api.common.ApiException;
import dev.vidferry.model.api.SyncRequest;
import dev.vidferry.model.folder.FolderSettings;
import dev.vidferry.model.metadata.Violation;
import dev.vidferry.platform.drive.ScanRequest;
import dev.vidferry.platform.sync.CronSchedule;

/**
 * The rules of a sync's fields, each broken rule a {@link Violation} naming its field: {@code cron} (Quartz, at most
 * once a minute), {@code timezone}, {@code maxFilesPerRun} (1-10000), {@code settings.*} as for a folder enqueue
 * (an unknown placeholder names {@code settings.titleTemplate}), {@code name}, {@code folderId},
 * {@code googleAccountId}. Refused requests answer 400.
 */
final class SyncValidator {

    static final int MAX_NAME = 200;
    static final int DEFAULT_MAX_FILES = 500;
    /** Drive ids are URL-safe base64-like; {@code root} is My Drive. */
    static final Pattern FOLDER_ID = Pattern.compile("[A-Za-z0-9_-]{1,200}");

    private SyncValidator() {
    }

    /** A checked sync: every field valid, the schedule parsed. */
    record Checked(String name, String folderId, UUID googleAccountId, boolean recursive, CronSchedule schedule,
            int maxFilesPerRun, FolderSettings settings, boolean enabled) {
    }

    /** {@code request} merged over {@code base} (null: a creation, where name, folderId and cron are required). */
    static Checked check(SyncRequest request, Checked base, Clock clock) {
        if (request == null) {
            throw refused(List.of(new Violation("", "required", "a JSON body is required")));
        }
        List<Violation> errors = new ArrayList<>();
        String name = pick(request.name(), base == null ? null : base.name());
        if (name == null || name.isBlank()) {
            errors.add(new Violation("name", "required", "name is required"));
        } else if (name.codePointCount(0, name.length()) > MAX_NAME) {
            errors.add(new Violation("name", "tooLong", "name is at most " + MAX_NAME + " characters"));
        }
        String folderId = pick(request.folderId(), base == null ? null : base.folderId());
        if (folderId == null || folderId.isBlank()) {
            errors.add(new Violation("folderId", "required", "folderId is required (a Drive folder id, or root)"));
        } else if (!FOLDER_ID.matcher(folderId).matches()) {
            errors.add(new Violation("folderId", "invalidFormat",
                    "folderId must be a Drive id (letters, digits, - and _) or root"));
        }
        UUID account = base == null ? null : base.googleAccountId();
        if (request.googleAccountId() != null) {
            try {
                account = UUID.fromString(request.googleAccountId().trim());
            } catch (IllegalArgumentException e) {
                errors.add(new Violation("googleAccountId", "invalidFormat", "googleAccountId must be a UUID"));
            }
        }
        String cron = pick(request.cron(), base == null ? null : base.schedule().expression());
        String zone = pick(request.timezone(), base == null ? "UTC" : base.schedule().zone().getId());
        boolean zoneKnown = true;
        try {
            CronSchedule.zone(zone);
        } catch (CronSchedule.InvalidSchedule e) {
            errors.add(new Violation("timezone", "unknownTimezone", e.getMessage()));
            zoneKnown = false;
        }
        CronSchedule schedule = null;
        try {
            schedule = CronSchedule.of(cron, zoneKnown ? zone : "UTC");
        } catch (CronSchedule.InvalidSchedule e) {
            errors.add(new Violation("cron", "invalidCron", e.getMessage()));
        }
        int maxFiles = request.maxFilesPerRun() != null
                ? request.maxFilesPerRun()
                : base == null ? DEFAULT_MAX_FILES : base.maxFilesPerRun();
        if (maxFiles < 1 || maxFiles > ScanRequest.MAX_FILES_LIMIT) {
            errors.add(new Violation("maxFilesPerRun", "outOfRange",
                    "maxFilesPerRun must be between 1 and " + ScanRequest.MAX_FILES_LIMIT));
        }
        FolderSettings settings = request.settings() != null
                ? request.settings()
                : base == null ? FolderSettings.templates(null, null, false) : base.settings();
        settings.validate(clock).forEach(v -> errors.add(v.under("settings")));
        if (!errors.isEmpty()) {
            throw refused(errors);
        }
        boolean recursive = request.recursive() != null ? request.recursive() : base == null || base.recursive();
        boolean enabled = request.enabled() != null ? request.enabled() : base == null || base.enabled();
        return new Checked(name.trim(), folderId, account, recursive, schedule, maxFiles, settings, enabled);
    }

    /** 400 naming each field. */
    static ApiException refused(List<Violation> errors) {
        return new ApiException(400, "validation", "Invalid request",
                errors.size() == 1
                        ? errors.get(0).field() + ": " + errors.get(0).message()
                        : errors.size() + " fields are invalid",
                errors);
    }

    private static String pick(String given, String fallback) {
        return given != null ? given : fallback;
    }
}
