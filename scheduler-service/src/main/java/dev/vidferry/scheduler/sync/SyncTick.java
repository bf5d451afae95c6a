package dev.vidferry.scheduler.sync;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduled.ConcurrentExecution;
import io.smallrye.mutiny.Uni;

import dev.vidferry.scheduler.runonce.RunOnce;

/**
 * Runs due syncs every {@code vidferry.sync.tick}. SKIP keeps ticks of this JVM from overlapping; each sync's advisory
 * lock keeps replicas apart.
 */
@ApplicationScoped
public class SyncTick {

    private final SyncScheduler scheduler;
    private final SyncConfig config;
    private final RunOnce runOnce;

    SyncTick(SyncScheduler scheduler, SyncConfig config, RunOnce runOnce) {
        this.scheduler = scheduler;
        this.config = config;
        this.runOnce = runOnce;
    }

    @Scheduled(identity = "folder-syncs", every = "{vidferry.sync.tick}", concurrentExecution = ConcurrentExecution.SKIP)
    Uni<Void> tick() {
        if (!config.enabled() || runOnce.requested()) { // run-once: SchedulerMain runs them itself
            return Uni.createFrom().voidItem();
        }
        return scheduler.runDue()
                .onFailure().invoke(e -> Log.warnf(e, "folder sync tick failed; the next tick tries again"))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }
}
