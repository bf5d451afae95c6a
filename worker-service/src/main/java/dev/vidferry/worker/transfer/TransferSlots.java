package dev.vidferry.worker.transfer;

/**
 * The transfer slots of this process, counted exactly: a slot is taken before a job is claimed and given back once on
 * every path (claim found nothing, claim failed, transfer ended, transfer not started), so {@link #inUse()} never
 * exceeds the capacity. Nothing waits on a slot: the dispatcher asks with {@link #tryAcquire()} and is called back
 * ({@link #onRelease}) when one comes free. After {@link #close()} no slot is handed out any more.
 */
public final class TransferSlots {

    private final int capacity;
    private int free;
    private boolean closed;
    private volatile Runnable onRelease = () -> {
    };

    public TransferSlots(int slots) {
        if (slots < 1) {
            throw new IllegalArgumentException("vidferry.worker.concurrency must be at least 1, got " + slots);
        }
        this.capacity = slots;
        this.free = slots;
    }

    /** Takes a free slot without waiting; the caller must {@link #release()} it exactly once when true. */
    public synchronized boolean tryAcquire() {
        if (closed || free == 0) {
            return false;
        }
        free--;
        return true;
    }

    /** Gives back the slot of a transfer that ended and tells the listener, which may hand it to the next job. */
    public void release() {
        giveBack();
        onRelease.run();
    }

    /** Gives back a slot nothing used (the claim found no job or failed), without calling the listener. */
    public void releaseUnused() {
        giveBack();
    }

    private synchronized void giveBack() {
        if (free == capacity) {
            throw new IllegalStateException("a transfer slot was released twice");
        }
        free++;
    }

    /** Called after every {@link #release()}, on the releasing thread. */
    public void onRelease(Runnable listener) {
        this.onRelease = listener;
    }

    /** Slots taken (claiming or transferring); never more than {@link #capacity()}. */
    public synchronized int inUse() {
        return capacity - free;
    }

    public int capacity() {
        return capacity;
    }

    /** Hands out no more slots (shutdown). */
    public synchronized void close() {
        closed = true;
    }
}
