package dev.vidferry.model.api;

/**
 * Body of {@code POST /api/v1/folders/{folderId}/scan} and {@code /enqueue}: which videos of a Drive folder to queue
 * and how each is described on YouTube. Every field is optional.
 *
 * @param recursive descend into sub-folders (default false)
 * @param maxFiles 1-10000 (default 10000): at most this many videos, the first in folder path then name order
 * @param skipDuplicates skip files whose content (md5) is already queued or on the channel (default true); a file
 *        already queued is skipped either way
 * @param settings templates and defaults (default: title {@code {filename}}, private)
 * @param googleAccountId which of the caller's Google accounts reads Drive and uploads (default: their default)
 */
public record FolderEnqueueRequest(Boolean recursive, Integer maxFiles, Boolean skipDuplicates,
        FolderSettingsBody settings, String googleAccountId) {
}
