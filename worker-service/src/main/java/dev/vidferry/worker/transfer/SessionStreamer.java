package dev.vidferry.worker.transfer;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.google.api.services.youtube.model.Video;

import dev.vidferry.worker.google.ResumableUpload;

/**
 * Streams a Drive file into a YouTube resumable session with two chunk buffers: while one chunk's PUT is in flight, a
 * reader thread fills the other from Drive, so a transfer runs at the slower link's speed. Memory is bounded to two
 * chunks. Every byte YouTube confirms is added to an MD5 in order; a resumed stream first reads the confirmed prefix
 * from Drive (download only) to rebuild that digest. Failed PUTs are retried in place through {@link Hooks#putFailed};
 * Drive read failures are retried by the {@link Source} itself. Partial takes are resent from the confirmed offset.
 */
final class SessionStreamer {

    /** Where the bytes come from: the Drive file from the current position on. */
    interface Source extends AutoCloseable {

        /** Fills {@code buffer[off, off + length)} with the next bytes of the file. */
        void readFully(byte[] buffer, int off, int length) throws IOException;

        @Override
        void close();
    }

    /** Where the bytes go: the open session. */
    interface Sink {

        ResumableUpload.State put(byte[] buffer, int off, int length, long first) throws IOException;

        ResumableUpload.State query() throws IOException;
    }

    /** What the job around the stream decides. */
    interface Hooks {

        /** Throws when the job must stop (cancel, shutdown, lease lost). */
        void checkStillOurs();

        /** YouTube confirmed bytes {@code 0..next-1}; {@code chunks} counts confirmations of this stream. */
        void confirmed(long next, long taken, int chunks);

        /** The {@code failures}-th PUT failure in a row: returns after a pause to recover, or throws to give up. */
        void putFailed(IOException error, int failures) throws IOException;
    }

    /** The finished upload and the MD5 (hex) of every byte of it. */
    record Result(Video video, String md5) {
    }

    private final int chunkSize;
    private final Hooks hooks;
    private final MessageDigest md5 = newMd5();
    private int chunks;

    SessionStreamer(int chunkSize, Hooks hooks) {
        this.chunkSize = chunkSize;
        this.hooks = hooks;
    }

    /**
     * Streams bytes {@code offset..total-1} from {@code source}, which must start at byte 0 when {@code offset > 0}
     * (the prefix is read to rebuild the digest, not sent), else at {@code offset}.
     */
    Result stream(Source source, Sink sink, long offset, long total) throws IOException {
        byte[] current = new byte[chunkSize];
        hashPrefix(source, current, offset);
        if (offset == total) {
            if (sink.query() instanceof ResumableUpload.Done done) {
                return new Result(done.video(), hex());
            }
            throw new IOException("YouTube holds every byte but did not finish the upload");
        }
        byte[] next = new byte[chunkSize];
        ExecutorService reader = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "drive-read-" + Thread.currentThread().getName());
            t.setDaemon(true);
            return t;
        });
        try {
            int length = (int) Math.min(chunkSize, total - offset);
            source.readFully(current, 0, length);
            while (true) {
                hooks.checkStillOurs();
                long end = offset + length;
                int nextLength = (int) Math.min(chunkSize, total - end);
                byte[] spare = next;
                Future<?> prefetch = nextLength > 0
                        ? reader.submit(() -> {
                            source.readFully(spare, 0, nextLength);
                            return null;
                        })
                        : null;
                ResumableUpload.State state;
                try {
                    state = send(sink, current, length, offset);
                } catch (RuntimeException | IOException e) {
                    source.close();
                    if (prefetch != null) {
                        prefetch.cancel(true);
                    }
                    throw e;
                }
                if (state instanceof ResumableUpload.Done done) {
                    if (prefetch != null) {
                        source.close();
                        prefetch.cancel(true);
                        throw new IOException("YouTube finished the upload at byte " + end + " of " + total);
                    }
                    return new Result(done.video(), hex());
                }
                if (prefetch == null) {
                    throw new IOException("YouTube holds every byte but did not finish the upload");
                }
                await(prefetch);
                next = current;
                current = spare;
                offset = end;
                length = nextLength;
            }
        } finally {
            source.close();
            reader.shutdownNow();
        }
    }

    /** Reads bytes {@code 0..offset-1} into the digest, through {@code buffer}. */
    private void hashPrefix(Source source, byte[] buffer, long offset) throws IOException {
        for (long pos = 0; pos < offset;) {
            hooks.checkStillOurs();
            int n = (int) Math.min(buffer.length, offset - pos);
            source.readFully(buffer, 0, n);
            md5.update(buffer, 0, n);
            pos += n;
        }
    }

    /** Sends one chunk until YouTube confirmed all of it (resending what a partial take left) or finished. */
    private ResumableUpload.State send(Sink sink, byte[] buffer, int length, long first) throws IOException {
        long end = first + length;
        long confirmed = first;
        int stalls = 0;
        while (true) {
            ResumableUpload.State state = putWithRecovery(sink, buffer, confirmed, first, end);
            if (state instanceof ResumableUpload.Done) {
                md5.update(buffer, (int) (confirmed - first), (int) (end - confirmed));
                return state;
            }
            if (state instanceof ResumableUpload.Gone gone) {
                throw new SessionGone(gone.status());
            }
            long next = ((ResumableUpload.Incomplete) state).nextOffset();
            if (next < confirmed || next > end) {
                throw new IOException("YouTube confirmed " + next + " bytes, outside the chunk " + confirmed + "-" + end
                        + " just sent");
            }
            if (next == confirmed && ++stalls > 3) {
                throw new IOException("YouTube keeps taking none of the chunk at " + confirmed);
            }
            md5.update(buffer, (int) (confirmed - first), (int) (next - confirmed));
            long taken = next - confirmed;
            confirmed = next;
            if (taken > 0) {
                hooks.confirmed(next, taken, ++chunks);
            }
            if (confirmed == end) {
                return state;
            }
        }
    }

    /**
     * PUTs {@code buffer} from byte {@code from} to {@code end}; after a failure the hooks pause (or give up), the
     * session is asked where it stands, and the rest is sent again from there.
     */
    private ResumableUpload.State putWithRecovery(Sink sink, byte[] buffer, long from, long first, long end)
            throws IOException {
        boolean send = true;
        for (int failures = 0;;) {
            try {
                if (send) {
                    return sink.put(buffer, (int) (from - first), (int) (end - from), from);
                }
                ResumableUpload.State state = sink.query();
                if (state instanceof ResumableUpload.Incomplete incomplete && incomplete.nextOffset() == from) {
                    send = true;
                    continue;
                }
                return state; // the caller handles a partial take, completion or an expired session
            } catch (ResumableUpload.Aborted e) {
                throw e;
            } catch (IOException e) {
                hooks.checkStillOurs();
                hooks.putFailed(e, ++failures);
                hooks.checkStillOurs();
                send = false;
            }
        }
    }

    private static void await(Future<?> prefetch) throws IOException {
        try {
            prefetch.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IOException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while reading Drive");
        }
    }

    private String hex() {
        return HexFormat.of().formatHex(md5.digest());
    }

    private static MessageDigest newMd5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The session expired or is unknown (404/410): the next attempt opens a new one. */
    static final class SessionGone extends IOException {

        SessionGone(int status) {
            super("the YouTube upload session expired (HTTP " + status + ")");
        }
    }
}
