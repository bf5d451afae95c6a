package dev.vidferry.worker.dispatch;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

import dev.vidferry.model.event.EventEnvelope;
import dev.vidferry.model.event.JobProgress;
import dev.vidferry.platform.job.ClaimedJob;
import dev.vidferry.worker.WorkerConfig;
import dev.vidferry.worker.WorkerMetrics;
import dev.vidferry.worker.job.JobOutbox;
import dev.vidferry.worker.job.JobRepository;
import dev.vidferry.worker.transfer.TransferService;
import dev.vidferry.worker.transfer.TransferSlots;

/**
 * Fills this worker's free transfer slots from Postgres. Woken by every {@code upload-job.requested} record, by a
 * slot coming free and by a tick every {@code dispatch-interval}, it takes a slot, claims the next job by the fair
 * order ({@link JobRepository#claimNext}), starts it, and goes on until no slot is free or nothing is claimable.
 * Wake-ups that arrive during a round start another round; rounds never overlap (one thread).
 */
@ApplicationScoped
public class JobDispatcher {

    private static final Duration DB_TIMEOUT = Duration.ofSeconds(10);

    private final JobRepository repository;
    private final TransferService transfers;
    private final WorkerConfig config;
    private final WorkerMetrics metrics;
    private final AtomicBoolean roundQueued = new AtomicBoolean();
    private ExecutorService loop;
    private ScheduledExecutorService ticks;

    public JobDispatcher(JobRepository repository, TransferService transfers, WorkerConfig config,
            WorkerMetrics metrics) {
        this.repository = repository;
        this.transfers = transfers;
        this.config = config;
        this.metrics = metrics;
    }

    void onStart(@Observes StartupEvent event) {
        loop = Executors.newSingleThreadExecutor(runnable -> daemon(runnable, "vidferry-dispatcher"));
        ticks = Executors.newSingleThreadScheduledExecutor(runnable -> daemon(runnable, "vidferry-dispatch-tick"));
        transfers.slots().onRelease(this::wake);
        long interval = config.dispatchInterval().toMillis();
        ticks.scheduleWithFixedDelay(this::wake, 0, interval, TimeUnit.MILLISECONDS);
    }

    void onStop(@Observes ShutdownEvent event) {
        if (ticks != null) {
            ticks.shutdownNow();
            loop.shutdownNow();
        }
    }

    /** Asks for a dispatch round soon; cheap and safe from any thread, coalesced while one is queued. */
    public void wake() {
        ExecutorService current = loop;
        if (current != null && roundQueued.compareAndSet(false, true)) {
            try {
                current.execute(this::round);
            } catch (RuntimeException e) { // shutting down
                roundQueued.set(false);
            }
        }
    }

    /** Claims and starts jobs while a slot is free; returns how many it started. */
    int round() {
        roundQueued.set(false); // a wake from now on queues the next round
        TransferSlots slots = transfers.slots();
        int started = 0;
        while (slots.tryAcquire()) {
            AtomicReference<EventEnvelope<JobProgress>> claimEvent = new AtomicReference<>();
            Optional<ClaimedJob> claimed;
            try {
                claimed = repository.claimNext(transfers.workerId(), config.leaseDuration(), job -> {
                    EventEnvelope<JobProgress> event = JobOutbox.claimed(job);
                    claimEvent.set(event);
                    return event;
                }).await().atMost(DB_TIMEOUT);
            } catch (RuntimeException e) {
                slots.releaseUnused();
                Log.warnf("could not claim a job (the next tick tries again): %s", e.toString());
                return started;
            }
            if (claimed.isEmpty()) {
                slots.releaseUnused();
                return started;
            }
            ClaimedJob job = claimed.get();
            metrics.claimed();
            Log.infof("job %s claimed (attempt %d)", job.id(), job.attempt());
            transfers.start(job, claimEvent.get());
            started++;
        }
        return started;
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }
}
