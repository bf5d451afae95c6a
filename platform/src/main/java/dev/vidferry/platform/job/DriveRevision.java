package dev.vidferry.platform.job;

import java.time.Instant;
import java.util.Objects;

/**
 * Which bytes of a Drive file a job streams: what {@code files.get} said at the attempt that opened the upload session.
 *
 * @param size bytes
 * @param md5 Drive's {@code md5Checksum}, null when Drive gives none
 * @param revisionId Drive's {@code headRevisionId}, null when Drive gives none
 * @param modifiedTime Drive's {@code modifiedTime}, null when Drive gives none
 */
public record DriveRevision(long size, String md5, String revisionId, Instant modifiedTime) {

    /**
     * True when {@code now} is surely other content: another size, or another md5, head revision or modification time
     * where both sides know it. A field one side lacks proves nothing.
     */
    public boolean changedTo(DriveRevision now) {
        return size != now.size || differs(md5, now.md5) || differs(revisionId, now.revisionId)
                || differs(modifiedTime, now.modifiedTime);
    }

    private static boolean differs(Object a, Object b) {
        return a != null && b != null && !Objects.equals(a, b);
    }

    /** For messages: {@code rev <id>} or {@code md5 <md5>} or the size. */
    public String label() {
        return revisionId != null ? "revision " + revisionId : md5 != null ? "md5 " + md5 : size + " bytes";
    }
}
