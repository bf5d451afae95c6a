package dev.vidferry.platform.drive;

/**
 * What to scan.
 *
 * @param folderId a Drive folder id, or {@code root} for My Drive
 * @param recursive whether to descend into sub-folders (and folder shortcuts)
 * @param maxFiles at most this many videos in the result (the first ones in folder path, then name order)
 * @param maxDepth how many folder levels below the root to descend when recursive (1 = direct sub-folders only)
 */
public record ScanRequest(String folderId, boolean recursive, int maxFiles, int maxDepth) {

    public static final int DEFAULT_MAX_DEPTH = 20;
    public static final int MAX_FILES_LIMIT = 10_000;

    public ScanRequest {
        if (folderId == null || folderId.isBlank()) {
            throw new IllegalArgumentException("folderId is required");
        }
        if (maxFiles < 1 || maxFiles > MAX_FILES_LIMIT) {
            throw new IllegalArgumentException("maxFiles must be between 1 and " + MAX_FILES_LIMIT);
        }
        if (maxDepth < 0) {
            throw new IllegalArgumentException("maxDepth must not be negative");
        }
    }

    /** The folder and every folder below it, up to {@link #DEFAULT_MAX_DEPTH} levels. */
    public static ScanRequest recursive(String folderId, int maxFiles) {
        return new ScanRequest(folderId, true, maxFiles, DEFAULT_MAX_DEPTH);
    }

    /** Only the folder's own files. */
    public static ScanRequest flat(String folderId, int maxFiles) {
        return new ScanRequest(folderId, false, maxFiles, 0);
    }

    int depthLimit() {
        return recursive ? maxDepth : 0;
    }
}
