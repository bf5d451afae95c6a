package dev.vidferry.scheduler.runonce;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Run-once mode: one pass of the scheduler's work, then exit (a Kubernetes CronJob instead of a Deployment). */
@ConfigMapping(prefix = "vidferry.scheduler")
public interface RunOnceConfig {

    /**
     * Run one housekeeping pass, then exit: 0 when it succeeded (or another replica held the lock and ran it), 1 when
     * it failed. Also set by the {@code --run-once} argument. The timed passes do not run in this mode.
     */
    @WithDefault("false")
    boolean runOnce();

    /** Longest a run-once pass may take before it counts as failed. */
    @WithDefault("2m")
    Duration runOnceTimeout();
}
