package dev.vidferry.emulator.youtube;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.vidferry.emulator.auth.User;

/**
 * A resumable upload session. Bytes are hashed as they arrive and then dropped; only whole 256 KiB units are committed
 * (a tail under 256 KiB is kept only when it ends the upload), so {@link #received()} is a unit multiple until the end.
 * Hashing runs off the event loop, in order, on a serial queue; {@link #hashBacklog()} lets the receiver apply
 * backpressure.
 */
public final class UploadSession {

    public static final int UNIT = 256 * 1024;
    private static final ExecutorService HASHERS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "emulator-upload-md5");
        t.setDaemon(true);
        return t;
    });

    public final String id;
    public final User owner;
    public final String project;
    public final ObjectNode resource;
    public final String mimeType;
    public final Instant createdAt;
    public volatile Instant expiresAt;
    private final MessageDigest md5;
    private final Serial hasher = new Serial();
    private final AtomicLong backlog = new AtomicLong();
    private byte[] tail;
    private volatile long total;
    private volatile long received;
    private volatile int puts;
    private final AtomicLong wireBytes = new AtomicLong();
    private int tailLength;
    private volatile String md5Hex;
    private volatile String videoId;
    private CompletableFuture<Video> completion;

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

    /** Body bytes of every chunk PUT as they arrived, kept or not: minus the size, what the client re-sent. */
    public long wireBytes() {
        return wireBytes.get();
    }

    public void countWireBytes(long n) {
        wireBytes.addAndGet(n);
    }

    public int puts() {
        return puts;
    }

    public synchronized void countPut() {
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

    /** Bytes handed to the hasher and not yet hashed. */
    public long hashBacklog() {
        return backlog.get();
    }

    /** Begins a chunk at the committed offset. */
    public synchronized void beginChunk() {
        tailLength = 0;
    }

    /** Feeds bytes of the current chunk: whole units are committed and queued for hashing, a remainder waits. */
    public synchronized void accept(ByteBuffer data) {
        while (data.hasRemaining()) {
            if (tailLength == 0 && data.remaining() >= UNIT) {
                int units = data.remaining() / UNIT * UNIT;
                ByteBuffer slice = data.slice();
                slice.limit(units);
                hash(slice);
                data.position(data.position() + units);
                received += units;
                continue;
            }
            if (tail == null) {
                tail = new byte[UNIT];
            }
            int n = Math.min(UNIT - tailLength, data.remaining());
            data.get(tail, tailLength, n);
            tailLength += n;
            if (tailLength == UNIT) {
                hash(ByteBuffer.wrap(tail));
                tail = null;
                received += UNIT;
                tailLength = 0;
            }
        }
    }

    /** Ends the chunk: commits the tail only if it completes the upload, else drops it. */
    public synchronized void endChunk(boolean finalChunk) {
        if (finalChunk && tailLength > 0) {
            hash(ByteBuffer.wrap(tail, 0, tailLength));
            received += tailLength;
        }
        tail = null;
        tailLength = 0;
    }

    private void hash(ByteBuffer data) {
        int n = data.remaining();
        backlog.addAndGet(n);
        hasher.execute(() -> {
            md5.update(data);
            backlog.addAndGet(-n);
        });
    }

    /**
     * Completes the upload once (later callers get the same future): waits for the hasher, then stores the video via
     * {@code store}. The future completes on the hasher thread.
     */
    public synchronized CompletableFuture<Video> complete(java.util.function.Function<UploadSession, Video> store) {
        if (completion == null) {
            CompletableFuture<Video> f = new CompletableFuture<>();
            completion = f;
            hasher.execute(() -> {
                try {
                    md5Hex = HexFormat.of().formatHex(md5.digest());
                    Video v = store.apply(this);
                    videoId = v.id;
                    f.complete(v);
                } catch (RuntimeException e) {
                    f.completeExceptionally(e);
                }
            });
        }
        return completion;
    }

    /** Runs tasks one after another on the shared hasher pool. */
    private static final class Serial {

        private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();
        private boolean running;

        synchronized void execute(Runnable task) {
            tasks.add(task);
            if (!running) {
                running = true;
                HASHERS.execute(this::drain);
            }
        }

        private void drain() {
            while (true) {
                Runnable r;
                synchronized (this) {
                    r = tasks.poll();
                    if (r == null) {
                        running = false;
                        return;
                    }
                }
                r.run();
            }
        }
    }
}
