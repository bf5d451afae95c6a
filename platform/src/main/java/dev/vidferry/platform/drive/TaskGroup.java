package dev.vidferry.platform.drive;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Tasks that may submit more tasks, run on a bounded executor; {@link #await()} returns when all are done or throws
 * the first failure (the rest then stop starting).
 */
final class TaskGroup {

    interface Task {

        void run() throws IOException;
    }

    private final Executor executor;
    private final AtomicInteger pending = new AtomicInteger();
    private final CompletableFuture<Void> done = new CompletableFuture<>();

    TaskGroup(Executor executor) {
        this.executor = executor;
    }

    void submit(Task task) {
        pending.incrementAndGet();
        executor.execute(() -> {
            try {
                if (!done.isDone()) {
                    task.run();
                }
            } catch (Throwable e) {
                done.completeExceptionally(e);
            } finally {
                if (pending.decrementAndGet() == 0) {
                    done.complete(null);
                }
            }
        });
    }

    void await() throws IOException {
        try {
            done.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while scanning Drive");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IOException(cause);
        }
    }
}
