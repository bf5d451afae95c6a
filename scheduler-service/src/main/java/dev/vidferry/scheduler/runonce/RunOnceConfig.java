package dev.vidferry.scheduler.runonce;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Run-once mode: one pass of the scheduler's work, then exit (a Kubernetes CronJob instead of a Deployment). */
@ConfigMapping(prefix = "vidferry.scheduler")
public interface RunOnceConfig {

    /**
     * Run the due folder syncs and one housekeeping pass, then exit: 0 when they succeeded (or another replica held
     * the locks and ran them), 1 when a sync run or the pass failed. Also set by the {@code --run-once} argument. The timed passes do not run in this mode.
     */
    @WithDefault("false")
    boolean runOnce();

    /** Run-once: run this sync (its id), due or not, instead of the due ones; also set by {@code --sync ID}. */
    Optional<String> runOnceSync();

    /**
     * Longest the folder syncs of a run-once may take together before they count as failed (the CronJob's Job has
     * {@code activeDeadlineSeconds: 300}).
     */
    @WithDefault("3m")
    Duration runOnceSyncsTimeout();

    /** Longest a run-once pass may take before it counts as failed. */
    @WithDefault("2m")
    Duration runOnceTimeout();
}
