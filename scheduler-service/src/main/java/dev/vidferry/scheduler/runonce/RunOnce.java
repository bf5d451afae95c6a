package dev.vidferry.scheduler.runonce;

import java.util.Arrays;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.quarkus.runtime.annotations.CommandLineArguments;

import dev.vidferry.scheduler.housekeeping.HousekeepingService;
import dev.vidferry.scheduler.housekeeping.PassResult;

/**
 * The scheduler's work done once, for a CronJob: today one housekeeping pass; folder syncs join here when they come.
 * Blocking by design: it runs on the main thread of {@link SchedulerMain}, never on the event loop.
 */
@ApplicationScoped
public class RunOnce {

    /** The command-line switch of run-once mode. */
    public static final String ARGUMENT = "--run-once";

    private final HousekeepingService housekeeping;
    private final RunOnceConfig config;
    private final boolean requested;

    RunOnce(HousekeepingService housekeeping, RunOnceConfig config, @CommandLineArguments String[] args) {
        this.housekeeping = housekeeping;
        this.config = config;
        this.requested = config.runOnce() || Arrays.asList(args).contains(ARGUMENT);
    }

    /**
     * Whether this process runs once: the {@code --run-once} argument or {@code vidferry.scheduler.run-once}. Known
     * from the start, so the timed passes (which may fire before {@link SchedulerMain#run}) stay off.
     */
    public boolean requested() {
        return requested;
    }

    /** Runs one pass and returns the process exit code: 0 on success, 1 on failure. */
    public int run() {
        try {
            PassResult result = housekeeping.runPass().await().atMost(config.runOnceTimeout());
            if (!result.ran()) {
                Log.info("run-once: another scheduler holds the housekeeping lock and runs the pass; nothing to do");
            } else {
                Log.infof("run-once: housekeeping moved %d jobs: %s", result.total(), result.jobs());
            }
            return 0;
        } catch (RuntimeException e) {
            Log.errorf(e, "run-once: housekeeping pass failed");
            return 1;
        }
    }
}
