package dev.vidferry.model.api;

import dev.vidferry.model.folder.FolderSettings;

/**
 * A saved folder sync to create ({@code POST /api/v1/syncs}: {@code name}, {@code folderId} and {@code cron} required)
 * or the fields to change ({@code PATCH}: a field left out keeps its value).
 *
 * @param name what the user calls it, 1-200 characters
 * @param folderId the Drive folder to watch ({@code root} = My Drive)
 * @param googleAccountId the account whose Drive is read and whose channel receives the videos; absent = the
 *        caller's default account when the sync runs
 * @param recursive include sub-folders (default true)
 * @param cron when to run: Quartz syntax, seconds first ({@code 0 0/15 * * * ?}), at most once a minute
 * @param timezone the IANA zone the cron and {@code {upload_date}} are read in (default UTC)
 * @param maxFilesPerRun at most this many new jobs a run (1-10000, default 500)
 * @param settings templates and YouTube defaults, as for a folder enqueue
 * @param enabled runs on its schedule (default true); a manual run works either way
 */
public record SyncRequest(String name, String folderId, String googleAccountId, Boolean recursive, String cron,
        String timezone, Integer maxFilesPerRun, FolderSettings settings, Boolean enabled) {
}
