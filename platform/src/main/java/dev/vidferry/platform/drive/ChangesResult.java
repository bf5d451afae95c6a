package dev.vidferry.platform.drive;

import java.util.List;

/** What an incremental run found: the changes under the sync's folder, or that the caller must rescan fully. */
public sealed interface ChangesResult {

    /** Drive calls the run made. */
    int driveCalls();

    /**
     * Changes under the folder tree since the token.
     *
     * @param videos videos added or changed under the tree (sidecars and manifests changed with them applied)
     * @param removedFileIds files deleted, trashed or no longer visible; Drive does not say where a deleted file
     *        was, so ids outside the tree can appear here: match them against what you know
     * @param folders the folder index with new sub-folders added and removed ones dropped
     * @param newStartPageToken the token for the next run
     * @param warnings what an incremental run cannot follow (new folder shortcuts: rescan to follow them)
     */
    record Changes(List<ScannedVideo> videos, List<String> removedFileIds, FolderIndex folders,
            String newStartPageToken, List<String> warnings, int driveCalls) implements ChangesResult {

        public Changes {
            videos = List.copyOf(videos);
            removedFileIds = List.copyOf(removedFileIds);
            warnings = List.copyOf(warnings);
        }
    }

    /** Drive refused the page token (invalid or expired): run a full scan and take a new start token. */
    record RescanNeeded(String reason, int driveCalls) implements ChangesResult {
    }
}
