package dev.vidferry.model.folder;

/**
 * Why a scanned video is not queued, in the wire form {@code code} or {@code code: detail} /
 * {@code code:detail} that {@code docs/folders.md} lists.
 *
 * @param code stable machine-readable code, e.g. {@code bad_sidecar}
 * @param detail what it is about (a field, a video id), or null
 */
public record SkipReason(String code, String detail) {

    /** A sidecar or manifest row of the file has an error in {@code field}: {@code bad_sidecar: <field>}. */
    public static SkipReason badSidecar(String field) {
        return new SkipReason("bad_sidecar", field);
    }

    /** The file id is already pending or running. */
    public static SkipReason alreadyQueued() {
        return new SkipReason("already_queued", null);
    }

    /** A file with the same md5 is already pending or running. */
    public static SkipReason duplicateMd5Queued() {
        return new SkipReason("duplicate_md5_queued", null);
    }

    /** The md5 is in the user's upload history for the channel: {@code already_uploaded:<videoId>}. */
    public static SkipReason alreadyUploaded(String videoId) {
        return new SkipReason("already_uploaded", videoId);
    }

    /** Drive gives the file no content (no size): nothing to upload. */
    public static SkipReason noContent() {
        return new SkipReason("no_content", null);
    }

    /** The file is empty (0 bytes); YouTube refuses empty uploads. */
    public static SkipReason emptyFile() {
        return new SkipReason("empty_file", null);
    }

    /** The file is larger than the configured maximum job size. */
    public static SkipReason tooLarge() {
        return new SkipReason("too_large", null);
    }

    /** The wire form shown to users. */
    public String wire() {
        if (detail == null) {
            return code;
        }
        return "already_uploaded".equals(code) ? code + ":" + detail : code + ": " + detail;
    }

    @Override
    public String toString() {
        return wire();
    }
}
