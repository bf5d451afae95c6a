package dev.vidferry.platform.sync;

import java.time.Instant;
import java.util.UUID;

import dev.vidferry.model.folder.FolderSettings;
import dev.vidferry.platform.drive.FolderIndex;

/**
 * A saved folder sync as stored in {@code folder_sync}.
 *
 * @param googleAccountId the account whose Drive is scanned and whose channel receives the videos; null = the
 *        owner's default account at run time
 * @param changesPageToken the Drive changes token an incremental run reads from; null until the first full scan
 * @param folderIndex the folder tree the last run saw (for incremental runs); null until the first full scan
 * @param nextRunAt when the scheduler runs it next (null: disabled)
 */
public record FolderSync(UUID id, String ownerId, UUID googleAccountId, String name, String folderId,
        boolean recursive, String cron, String timezone, int maxFilesPerRun, FolderSettings settings, boolean enabled,
        String changesPageToken, FolderIndex folderIndex, Instant nextRunAt, Instant lastRunAt, Instant createdAt,
        Instant updatedAt) {

    /** A new sync (no token, never run), due at its schedule's next time after {@code now} when enabled. */
    public static FolderSync create(UUID id, String ownerId, UUID googleAccountId, String name, String folderId,
            boolean recursive, CronSchedule schedule, int maxFilesPerRun, FolderSettings settings, boolean enabled,
            Instant now) {
        return new FolderSync(id, ownerId, googleAccountId, name, folderId, recursive, schedule.expression(),
                schedule.zone().getId(), maxFilesPerRun, settings, enabled, null, null,
                enabled ? schedule.nextAfter(now) : null, null, now, now);
    }

    public CronSchedule schedule() {
        return CronSchedule.of(cron, timezone);
    }

    /**
     * The sync with new settings; a different folder or recursion forgets the changes token (the next run is a full
     * scan of the new tree), and the next run follows the (possibly new) schedule.
     */
    public FolderSync edited(UUID newAccountId, String newName, String newFolderId, boolean newRecursive,
            CronSchedule newSchedule, int newMaxFiles, FolderSettings newSettings, boolean newEnabled, Instant now) {
        boolean sameTree = newFolderId.equals(folderId) && newRecursive == recursive
                && java.util.Objects.equals(newAccountId, googleAccountId);
        return new FolderSync(id, ownerId, newAccountId, newName, newFolderId, newRecursive, newSchedule.expression(),
                newSchedule.zone().getId(), newMaxFiles, newSettings, newEnabled, sameTree ? changesPageToken : null,
                sameTree ? folderIndex : null, newEnabled ? newSchedule.nextAfter(now) : null, lastRunAt, createdAt,
                now);
    }
}
