package dev.vidferry.worker.transfer;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.time.Clock;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.Startup;

import dev.vidferry.model.event.EventEnvelope;
import dev.vidferry.model.event.JobProgress;
import dev.vidferry.platform.google.GoogleConfig;
import dev.vidferry.platform.job.ClaimedJob;
import dev.vidferry.platform.job.Lease;
import dev.vidferry.platform.quota.ChannelUploads;
import dev.vidferry.platform.quota.QuotaLedger;
import dev.vidferry.worker.WorkerConfig;
import dev.vidferry.worker.WorkerMetrics;
import dev.vidferry.worker.finish.AfterUpload;
import dev.vidferry.worker.google.GoogleAccounts;
import dev.vidferry.worker.google.GoogleClients;
import dev.vidferry.worker.job.JobOutbox;
import dev.vidferry.worker.job.JobRepository;
import dev.vidferry.worker.progress.ProgressEmitter;

/**
 * Runs claimed jobs on a bounded pool of {@code concurrency} transfer threads, one slot each; heartbeats their
 * leases (a transfer whose lease could not be renewed for a whole lease duration stops: another worker may hold the
 * job by then); at shutdown stops taking slots and hands running jobs back.
 */
@Startup
@ApplicationScoped
public class TransferService {

    private final WorkerConfig config;
    private final TransferContext context;
    private final TransferSlots slots;
    private final ExecutorService transfers;
    private final ScheduledExecutorService heartbeats;
    private final Set<JobTransfer> running = ConcurrentHashMap.newKeySet();
    private final String workerId;

    public TransferService(WorkerConfig config, JobRepository repository, JobOutbox outbox, ProgressEmitter emitter,
            GoogleAccounts accounts, GoogleClients clients, DuplicateCheck duplicates, WorkerMetrics metrics,
            MeterRegistry registry, QuotaLedger quota, ChannelUploads channelUploads, GoogleConfig google,
            AfterUpload finisher) {
        this.config = config;
        this.context = new TransferContext(repository, outbox, emitter, accounts, clients, duplicates, metrics, config,
                Clock.systemUTC(), chunkSize(config), new DebugPause(config.debug()), quota,
                channelUploads, google.projectId(), finisher);
        this.slots = new TransferSlots(config.concurrency());
        if (config.heartbeatInterval().multipliedBy(2).compareTo(config.leaseDuration()) > 0) {
            throw new IllegalStateException("vidferry.worker.heartbeat-interval (" + config.heartbeatInterval()
                    + ") must be at most half of vidferry.worker.lease-duration (" + config.leaseDuration() + ")");
        }
        this.workerId = config.id().filter(id -> !id.isBlank()).orElseGet(TransferService::defaultId);
        AtomicInteger threads = new AtomicInteger();
        this.transfers = Executors.newFixedThreadPool(config.concurrency(), runnable -> {
            Thread thread = new Thread(runnable, "vidferry-transfer-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.heartbeats = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "vidferry-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        // slots taken, not transfers registered: a slot is taken before the claim, so this can never exceed the slots
        registry.gauge("vidferry.worker.transfers.active", slots, TransferSlots::inUse);
        Log.infof("worker %s: %d transfer slots, chunks of %d bytes", workerId, config.concurrency(),
                context.chunkSize());
    }

    /** Validates {@code vidferry.worker.chunk-size}: a positive multiple of 256 KiB that fits an array. */
    static int chunkSize(WorkerConfig config) {
        long size = config.chunkSize().asLongValue();
        if (size <= 0 || size % WorkerConfig.CHUNK_GRANULARITY != 0 || size > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("vidferry.worker.chunk-size must be a positive multiple of 256 KiB "
                    + "(262144 bytes) below 2 GiB, got " + size);
        }
        return (int) size;
    }

    /** This process's lease owner name. */
    public String workerId() {
        return workerId;
    }

    public TransferSlots slots() {
        return slots;
    }

    /** Starts {@code job} on a transfer thread; the caller holds a slot, released when the transfer ends. */
    public void start(ClaimedJob job, EventEnvelope<JobProgress> claimEvent) {
        JobTransfer transfer = new JobTransfer(job, claimEvent, context);
        running.add(transfer);
        AtomicLong renewed = new AtomicLong(System.nanoTime());
        ScheduledFuture<?> heartbeat = heartbeats.scheduleAtFixedRate(() -> heartbeat(transfer, renewed),
                config.heartbeatInterval().toMillis(), config.heartbeatInterval().toMillis(), TimeUnit.MILLISECONDS);
        try {
            transfers.execute(() -> {
                long started = System.nanoTime();
                try {
                    transfer.run();
                } finally {
                    heartbeat.cancel(false);
                    running.remove(transfer);
                    context.metrics().transfers().record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
                    slots.release();
                }
            });
        } catch (RuntimeException e) { // rejected at shutdown: the lease expires and the job is taken again
            heartbeat.cancel(false);
            running.remove(transfer);
            slots.releaseUnused();
            Log.warnf("job %s: not started (%s); it is taken again once its lease expires", job.id(), e.toString());
        }
    }

    private void heartbeat(JobTransfer transfer, AtomicLong renewed) {
        long sent = System.nanoTime();
        context.repository().heartbeat(transfer.job().fence(), config.leaseDuration()).subscribe().with(lease -> {
            if (lease == Lease.LOST) {
                transfer.leaseLost();
            } else {
                renewed.set(sent);
                if (lease == Lease.CANCEL_REQUESTED) {
                    transfer.cancelRequested();
                }
            }
        }, failure -> {
            Log.warnf("job %s: lease heartbeat failed: %s", transfer.job().id(), failure.toString());
            if (System.nanoTime() - renewed.get() >= config.leaseDuration().toNanos()) {
                Log.warnf("job %s: lease not renewed for %s; stopping (another worker may take it)",
                        transfer.job().id(), config.leaseDuration());
                transfer.leaseLost();
            }
        });
    }

    /** Stops the running transfer of {@code jobId}, if this process runs it; it then marks the job cancelled. */
    public void cancel(UUID jobId) {
        running.stream().filter(transfer -> transfer.job().id().equals(jobId)).forEach(transfer -> {
            Log.infof("job %s: cancel requested, stopping the transfer", jobId);
            transfer.cancelRequested();
        });
    }

    void onStop(@Observes ShutdownEvent event) {
        slots.close();
        running.forEach(JobTransfer::requestStop);
        transfers.shutdown();
        try {
            if (!transfers.awaitTermination(config.shutdownGrace().toMillis(), TimeUnit.MILLISECONDS)) {
                Log.warnf("%d transfers still running at shutdown; their leases will expire", running.size());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        heartbeats.shutdownNow();
    }

    private static String defaultId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "unknown";
        }
        String pid = ManagementFactory.getRuntimeMXBean().getName().split("@")[0];
        return host + "-" + pid + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
