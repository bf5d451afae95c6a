package dev.vidferry.emulator.youtube;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vidferry.emulator.auth.User;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;

/**
 * A resumable upload session. Bytes are hashed as they arrive and discarded; only whole 256 KiB units are committed
 * (a tail under 256 KiB is kept only when it ends the upload), so {@link #received()} is always a unit multiple until
 * the end.
 */
public final class UploadSession {

    public static final int UNIT = 256 * 1024;

    public final String id;
    public final User owner;
    public final String project;
    public final ObjectNode resource;
    public final String mimeType;
    public final Instant createdAt;
    public volatile Instant expiresAt;
    private final MessageDigest md5;
    private final byte[] tail = new byte[UNIT];
    private volatile long total;
    private volatile long received;
    private volatile int puts;
    private int tailLength;
    private volatile String videoId;
    private volatile String md5Hex;

    public UploadSession(String id, User owner, String project, ObjectNode resource, String mimeType, long total,
            Instant createdAt, Instant expiresAt) {
        this.id = id;
        this.owner = owner;
        this.project = project;
        this.resource = resource;
        this.mimeType = mimeType;
        this.total = total;
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
        try {
            this.md5 = MessageDigest.getInstance("MD5");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public long total() {
        return total;
    }

    public void total(long t) {
        total = t;
    }

    public long received() {
        return received;
    }

    public int puts() {
        return puts;
    }

    public void countPut() {
        puts++;
    }

    public String videoId() {
        return videoId;
    }

    public String md5() {
        return md5Hex;
    }

    public boolean complete() {
        return videoId != null;
    }

    /** Begins a chunk at the committed offset. */
    public void beginChunk() {
        tailLength = 0;
    }

    /** Feeds bytes of the current chunk: whole units are hashed and committed, a remainder waits in the tail. */
    public void accept(ByteBuffer data) {
        while (data.hasRemaining()) {
            if (tailLength == 0 && data.remaining() >= UNIT) {
                int units = data.remaining() / UNIT * UNIT;
                ByteBuffer slice = data.slice();
                slice.limit(units);
                md5.update(slice);
                data.position(data.position() + units);
                received += units;
                continue;
            }
            int n = Math.min(UNIT - tailLength, data.remaining());
            data.get(tail, tailLength, n);
            tailLength += n;
            if (tailLength == UNIT) {
                md5.update(tail, 0, UNIT);
                received += UNIT;
                tailLength = 0;
            }
        }
    }

    /** Bytes of the current chunk still waiting in the tail (not yet committed). */
    public int pendingTail() {
        return tailLength;
    }

    /** Ends the chunk: commits the tail only if it completes the upload, else drops it. */
    public void endChunk(boolean finalChunk) {
        if (finalChunk && tailLength > 0) {
            md5.update(tail, 0, tailLength);
            received += tailLength;
        }
        tailLength = 0;
    }

    public void finish(String newVideoId) {
        md5Hex = HexFormat.of().formatHex(md5.digest());
        videoId = newVideoId;
    }
}
