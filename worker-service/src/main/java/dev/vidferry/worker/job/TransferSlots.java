package dev.vidferry.worker.job;

import java.util.ArrayDeque;
import java.util.Deque;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;

/**
 * An asynchronous semaphore of transfer slots. {@link #acquire()} completes when a slot is free, so the Kafka
 * consumer waiting on it stops taking records (the connector pauses the partitions) while every slot is busy.
 * After {@link #close()} no slot is handed out any more.
 */
public final class TransferSlots {

    private final Deque<UniEmitter<? super Void>> waiting = new ArrayDeque<>();
    private int free;
    private boolean closed;

    public TransferSlots(int slots) {
        if (slots < 1) {
            throw new IllegalArgumentException("vidferry.worker.concurrency must be at least 1, got " + slots);
        }
        this.free = slots;
    }

    /** Completes once the caller holds a slot; it must {@link #release()} it exactly once. */
    public Uni<Void> acquire() {
        return Uni.createFrom().emitter(emitter -> {
            boolean granted;
            synchronized (this) {
                granted = !closed && free > 0;
                if (granted) {
                    free--;
                } else if (!closed) {
                    waiting.add(emitter);
                }
            }
            if (granted) {
                emitter.complete(null);
            }
            emitter.onTermination(() -> {
                synchronized (this) {
                    waiting.remove(emitter);
                }
            });
        });
    }

    /** Returns a slot, handing it to the longest waiter if there is one. */
    public void release() {
        UniEmitter<? super Void> next;
        synchronized (this) {
            next = closed ? null : waiting.poll();
            if (next == null) {
                free++;
            }
        }
        if (next != null) {
            next.complete(null);
        }
    }

    /** Takes up to {@code max} free slots at once without waiting; returns how many it took (release each). */
    public synchronized int tryAcquire(int max) {
        if (closed || !waiting.isEmpty()) {
            return 0;
        }
        int taken = Math.min(max, free);
        free -= taken;
        return taken;
    }

    /** Slots not in use. */
    public synchronized int available() {
        return free;
    }

    /** Hands out no more slots (shutdown): waiters wait forever, their records stay uncommitted. */
    public synchronized void close() {
        closed = true;
        waiting.clear();
    }
}
