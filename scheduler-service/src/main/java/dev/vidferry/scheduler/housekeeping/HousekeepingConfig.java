package dev.vidferry.scheduler.housekeeping;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Housekeeping of upload jobs: expired leases, due deferred jobs, elapsed back-offs, lost dispatches. */
@ConfigMapping(prefix = "vidferry.housekeeping")
public interface HousekeepingConfig {

    /** Run passes on the schedule (tests switch it off and call {@link HousekeepingService#runPass()}). */
    @WithDefault("true")
    boolean enabled();

    /** Time between passes (a Quarkus scheduler duration: {@code 5s}, {@code 1m}). */
    @WithDefault("5s")
    String interval();

    /** A pending job not dispatched for this long gets its {@code upload-job.requested} again (lost events). */
    @WithDefault("10m")
    Duration redispatchAfter();

    /**
     * How long after a lease expired housekeeping re-queues the job itself; until then the workers take it over
     * (they claim expired leases first), so the backstop never races them.
     */
    @WithDefault("30s")
    Duration leaseGrace();

    /** Most jobs each rule moves per pass; the rest wait for the next pass. */
    @WithDefault("100")
    int batchSize();
}
