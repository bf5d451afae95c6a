package dev.vidferry.platform.drive;

import java.util.HashMap;
import java.util.Map;

/**
 * The folders of a synced tree as the last scan saw them, keyed by Drive id: what an incremental run needs to tell
 * whether a changed file is under the sync's folder and what its folder path is. Immutable; persist it as JSON.
 *
 * @param rootId the scanned folder's real id ({@code root} resolved)
 * @param rootName its name
 * @param driveId the shared drive of the root, null in My Drive
 * @param folders every known folder (the root too) by id
 */
public record FolderIndex(String rootId, String rootName, String driveId, Map<String, KnownFolder> folders) {

    /**
     * @param name the folder's name (a folder shortcut's name when reached through one)
     * @param path its path relative to the root, empty for the root
     */
    public record KnownFolder(String name, String path) {

        /** The path of a child folder named {@code child}. */
        public String childPath(String child) {
            return path.isEmpty() ? child : path + "/" + child;
        }
    }

    public FolderIndex {
        folders = Map.copyOf(folders);
    }

    public boolean contains(String folderId) {
        return folders.containsKey(folderId);
    }

    public KnownFolder folder(String folderId) {
        return folders.get(folderId);
    }

    /** A copy with {@code added} folders put in and {@code removed} ones taken out with every folder below them. */
    FolderIndex with(Map<String, KnownFolder> added, Iterable<String> removed) {
        Map<String, KnownFolder> next = new HashMap<>(folders);
        for (String id : removed) {
            KnownFolder gone = next.remove(id);
            if (gone != null && !gone.path().isEmpty()) {
                next.values().removeIf(f -> f.path().startsWith(gone.path() + "/"));
            }
        }
        next.putAll(added);
        return new FolderIndex(rootId, rootName, driveId, next);
    }
}
