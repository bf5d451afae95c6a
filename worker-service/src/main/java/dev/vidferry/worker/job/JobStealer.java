package dev.vidferry.worker.job;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

import dev.vidferry.model.event.EventEnvelope;
import dev.vidferry.model.event.JobProgress;
import dev.vidferry.worker.WorkerConfig;
import dev.vidferry.worker.WorkerMetrics;
import dev.vidferry.worker.transfer.TransferService;

/**
 * Work stealing, so partitions never stall: a busy worker stops polling its partitions and a crashed worker's
 * partitions wait for the group's session timeout, while other workers may be idle. Every {@code steal-interval} a
 * worker with free slots claims (at most one per free slot) pending, due jobs that have waited longer than
 * {@code steal-after}, straight from Postgres, and runs them like jobs claimed from Kafka. The record still on Kafka
 * later finds its job taken and is skipped.
 */
@ApplicationScoped
public class JobStealer {

    private static final Duration DB_TIMEOUT = Duration.ofSeconds(30);

    private final JobRepository repository;
    private final TransferService transfers;
    private final WorkerConfig config;
    private final WorkerMetrics metrics;
    private ScheduledExecutorService timer;

    public JobStealer(JobRepository repository, TransferService transfers, WorkerConfig config,
            WorkerMetrics metrics) {
        this.repository = repository;
        this.transfers = transfers;
        this.config = config;
        this.metrics = metrics;
    }

    void onStart(@Observes StartupEvent event) {
        long interval = config.stealInterval().toMillis();
        if (interval <= 0) {
            Log.info("work stealing is off (vidferry.worker.steal-interval=0)");
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "vidferry-stealer");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(this::stealSafely, interval, interval, TimeUnit.MILLISECONDS);
    }

    void onStop(@Observes ShutdownEvent event) {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    private void stealSafely() {
        try {
            steal();
        } catch (RuntimeException e) {
            Log.warnf("work stealing failed: %s", e.toString());
        }
    }

    /** Claims up to (free slots) waiting jobs and starts them; returns how many it started. */
    int steal() {
        TransferSlots slots = transfers.slots();
        int free = slots.tryAcquire(config.concurrency());
        if (free == 0) {
            return 0;
        }
        Map<UUID, EventEnvelope<JobProgress>> events = new ConcurrentHashMap<>();
        List<ClaimedJob> jobs;
        try {
            jobs = repository.steal(transfers.workerId(), config.leaseDuration(), config.stealAfter(), free, job -> {
                EventEnvelope<JobProgress> event = JobOutbox.claimed(job);
                events.put(job.id(), event);
                return event;
            }).await().atMost(DB_TIMEOUT);
        } catch (RuntimeException e) {
            for (int i = 0; i < free; i++) {
                slots.release();
            }
            throw e;
        }
        for (int i = jobs.size(); i < free; i++) {
            slots.release();
        }
        for (ClaimedJob job : jobs) {
            metrics.claimed();
            metrics.stolen();
            Log.infof("job %s stolen from the queue (attempt %d): it waited longer than %s", job.id(), job.attempt(),
                    config.stealAfter());
            transfers.start(job, events.get(job.id()));
        }
        return jobs.size();
    }
}
