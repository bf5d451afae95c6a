package dev.vidferry.model.api;

import java.time.Instant;
import java.util.UUID;

import dev.vidferry.model.folder.FolderSettings;

/**
 * A saved folder sync.
 *
 * @param googleAccountId null = the owner's default account when it runs
 * @param incremental whether the next scheduled run reads Drive's changes (it has a changes token) or scans fully
 * @param nextRunAt when the scheduler runs it next; null when disabled
 * @param lastRunAt when its last run finished, null before the first
 */
public record SyncView(UUID id, String ownerId, String name, String folderId, UUID googleAccountId,
        boolean recursive, String cron, String timezone, int maxFilesPerRun, FolderSettings settings, boolean enabled,
        boolean incremental, Instant nextRunAt, Instant lastRunAt, Instant createdAt, Instant updatedAt) {
}
