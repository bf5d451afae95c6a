package dev.vidferry.scheduler.housekeeping;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduled.ConcurrentExecution;
import io.smallrye.mutiny.Uni;

import dev.vidferry.scheduler.runonce.RunOnce;

/**
 * Triggers {@link HousekeepingService#runPass()} every {@code vidferry.housekeeping.interval}. SKIP keeps passes of
 * this JVM from overlapping; the pass's advisory lock keeps replicas apart.
 */
@ApplicationScoped
public class HousekeepingJob {

    private final HousekeepingService service;
    private final HousekeepingConfig config;
    private final RunOnce runOnce;

    HousekeepingJob(HousekeepingService service, HousekeepingConfig config, RunOnce runOnce) {
        this.service = service;
        this.config = config;
        this.runOnce = runOnce;
    }

    @Scheduled(identity = "housekeeping", every = "{vidferry.housekeeping.interval}", concurrentExecution = ConcurrentExecution.SKIP)
    Uni<Void> pass() {
        if (!config.enabled() || runOnce.requested()) { // run-once: SchedulerMain runs the one pass itself
            return Uni.createFrom().voidItem();
        }
        return service.runPass()
                .invoke(result -> {
                    if (result.total() > 0) {
                        Log.infof("housekeeping moved %d jobs: %s", result.total(), result.jobs());
                    }
                })
                .onFailure().invoke(e -> Log.warnf(e, "housekeeping pass failed; the next pass tries again"))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }
}
