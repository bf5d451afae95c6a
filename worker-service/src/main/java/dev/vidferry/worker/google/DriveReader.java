package dev.vidferry.worker.google;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;

import com.google.api.client.http.HttpResponse;
import com.google.api.services.drive.Drive;

/**
 * Reads a Drive file from a byte offset to its end as ranged {@code files.get?alt=media} requests. Every answer is
 * checked: a read from byte {@code n > 0} must be a 206 whose {@code Content-Range} starts at {@code n} (a read from 0
 * asks no range and takes a 200). A failed read (connection reset, 5xx, premature end, wrong range) is handed to the
 * {@link Recovery}, which pauses or gives up, and the read is reopened at the next needed byte with a fresh Range. A
 * read that made progress since the last failure starts the failure count again. Blocking; one reader thread at a time,
 * {@link #close()} from any thread.
 */
public final class DriveReader implements Closeable {

    /** Opens the media at {@code from} (Range {@code bytes=from-}, none when 0). */
    @FunctionalInterface
    public interface Opener {

        HttpResponse open(long from) throws IOException;
    }

    /** Decides after the {@code failures}-th failure in a row: returns after a pause to reopen, or throws to give up. */
    @FunctionalInterface
    public interface Recovery {

        void failed(IOException error, int failures) throws IOException;
    }

    private final Opener opener;
    private final Recovery recovery;
    private final long total;
    private long position;
    private volatile HttpResponse response;
    private InputStream in;
    private volatile boolean closed;
    private int failures;
    private long reopens;

    public DriveReader(Opener opener, Recovery recovery, long from, long total) {
        this.opener = opener;
        this.recovery = recovery;
        this.position = from;
        this.total = total;
    }

    /** The Drive media of {@code fileId}, shared drives included. */
    public static Opener media(Drive drive, String fileId) {
        return from -> {
            Drive.Files.Get get = drive.files().get(fileId).setSupportsAllDrives(true);
            if (from > 0) {
                get.getRequestHeaders().setRange("bytes=" + from + "-");
            }
            return get.executeMedia();
        };
    }

    /** The next byte this reader returns. */
    public long position() {
        return position;
    }

    /** How often a read was reopened after a failure. */
    public long reopens() {
        return reopens;
    }

    /** Fills {@code buffer[off, off + length)} with the next bytes; {@code position + length} must not pass the end. */
    public void readFully(byte[] buffer, int off, int length) throws IOException {
        if (position + length > total) {
            throw new IllegalArgumentException("read past the end: " + position + "+" + length + " > " + total);
        }
        int done = 0;
        while (done < length) {
            if (closed) {
                throw new IOException("Drive download closed");
            }
            try {
                if (in == null) {
                    in = open(position);
                }
                int read = in.read(buffer, off + done, length - done);
                if (read < 0) {
                    throw new IOException("Drive ended the download at byte " + position + " of " + total);
                }
                done += read;
                position += read;
                failures = 0;
            } catch (IOException e) {
                disconnect();
                if (closed) {
                    throw e;
                }
                recovery.failed(e, ++failures);
                reopens++;
            }
        }
    }

    private InputStream open(long from) throws IOException {
        HttpResponse opened = opener.open(from);
        response = opened;
        if (closed) {
            disconnect();
            throw new IOException("Drive download closed");
        }
        int status = opened.getStatusCode();
        String range = opened.getHeaders().getContentRange();
        if (from == 0
                ? status != 200 && !(status == 206 && startOf(range) == 0)
                : status != 206 || startOf(range) != from) {
            throw new WrongRange("Drive answered " + status + (range == null ? "" : " " + range) + " to a read from byte "
                    + from + " (expected " + (from == 0 ? "200" : "206 bytes " + from + "-") + ")");
        }
        return opened.getContent();
    }

    /** First byte of {@code bytes a-b/n}, -1 when absent or unreadable. */
    static long startOf(String contentRange) {
        if (contentRange == null || !contentRange.startsWith("bytes ")) {
            return -1;
        }
        int dash = contentRange.indexOf('-');
        try {
            return dash < 0 ? -1 : Long.parseLong(contentRange.substring(6, dash).trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private void disconnect() {
        HttpResponse current = response;
        response = null;
        in = null;
        if (current != null) {
            try {
                current.disconnect();
            } catch (IOException | RuntimeException ignored) {
                // the connection is being dropped anyway
            }
        }
    }

    /** Stops the reader; a read in flight on another thread fails at once. */
    @Override
    public void close() {
        closed = true;
        disconnect();
    }

    /** Drive answered a ranged read with other bytes than asked for: transient, the read is reopened. */
    public static final class WrongRange extends IOException {

        WrongRange(String message) {
            super(message);
        }
    }
}
