package dev.vidferry.api.drive;

/**
 * What Drive says about a file (after resolving a shortcut).
 *
 * @param id the file's id (the shortcut's target when a shortcut was named)
 * @param name file name
 * @param mimeType Drive mime type
 * @param size size in bytes, null for files without content (Google Docs, folders)
 * @param md5Checksum md5, when Drive has one
 * @param canDownload capabilities.canDownload
 */
public record DriveFileInfo(String id, String name, String mimeType, Long size, String md5Checksum,
        boolean canDownload) {

    /** Media YouTube accepts: {@code video/*} or {@code application/octet-stream}. */
    public boolean isVideo() {
        return mimeType != null && (mimeType.startsWith("video/") || mimeType.equals("application/octet-stream"));
    }
}
