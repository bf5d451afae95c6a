package dev.vidferry.scheduler.runonce;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.quarkus.runtime.annotations.CommandLineArguments;

import dev.vidferry.scheduler.housekeeping.HousekeepingService;
import dev.vidferry.scheduler.housekeeping.PassResult;
import dev.vidferry.scheduler.sync.SyncOutcome;
import dev.vidferry.scheduler.sync.SyncScheduler;

/**
 * The scheduler's work done once, for a CronJob or cron: the due folder syncs (or the one named by
 * {@code --sync ID}), then one housekeeping pass. Blocking by design: it runs on the main thread of
 * {@link SchedulerMain}, never on the event loop.
 */
@ApplicationScoped
public class RunOnce {

    /** The command-line switch of run-once mode. */
    public static final String ARGUMENT = "--run-once";
    /** Followed by a sync id: run that sync (due or not) instead of the due ones. */
    public static final String SYNC_ARGUMENT = "--sync";

    private final HousekeepingService housekeeping;
    private final SyncScheduler syncs;
    private final RunOnceConfig config;
    private final boolean requested;
    private final Optional<String> namedSync;

    RunOnce(HousekeepingService housekeeping, SyncScheduler syncs, RunOnceConfig config,
            @CommandLineArguments String[] args) {
        this.housekeeping = housekeeping;
        this.syncs = syncs;
        this.config = config;
        List<String> arguments = Arrays.asList(args);
        this.requested = config.runOnce() || arguments.contains(ARGUMENT);
        int at = arguments.indexOf(SYNC_ARGUMENT);
        this.namedSync = at >= 0 && at + 1 < arguments.size()
                ? Optional.of(arguments.get(at + 1))
                : at >= 0 ? Optional.of("") : config.runOnceSync();
    }

    /**
     * Whether this process runs once: the {@code --run-once} argument or {@code vidferry.scheduler.run-once}. Known
     * from the start, so the timed passes (which may fire before {@link SchedulerMain#run}) stay off.
     */
    public boolean requested() {
        return requested;
    }

    /**
     * Runs the syncs, then one housekeeping pass, and returns the process exit code: 0 when everything succeeded, 1
     * when a sync run or the pass failed (both are attempted), 2 for a malformed {@code --sync} id.
     */
    public int run() {
        int syncCode;
        try {
            syncCode = runSyncs();
        } catch (IllegalArgumentException e) {
            Log.errorf("run-once: %s", e.getMessage());
            return 2;
        } catch (RuntimeException e) {
            Log.errorf(e, "run-once: folder syncs failed");
            syncCode = 1;
        }
        int housekeepingCode = runHousekeeping();
        return Math.max(syncCode, housekeepingCode);
    }

    private int runSyncs() {
        List<SyncOutcome> outcomes;
        if (namedSync.isPresent()) {
            UUID id;
            try {
                id = UUID.fromString(namedSync.get().trim());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(SYNC_ARGUMENT + " needs a sync id (a UUID), got '"
                        + namedSync.get() + "'");
            }
            outcomes = List.of(syncs.runNow(id).await().atMost(config.runOnceSyncsTimeout()));
        } else {
            outcomes = syncs.runDue().await().atMost(config.runOnceSyncsTimeout());
        }
        int code = 0;
        for (SyncOutcome outcome : outcomes) {
            switch (outcome.kind()) {
                case RAN -> {
                    if (outcome.failed()) {
                        Log.errorf("run-once: sync %s failed: %s", outcome.syncId(), outcome.run().error());
                        code = 1;
                    } else {
                        Log.infof("run-once: sync %s %s run: %d added, %d skipped", outcome.syncId(),
                                outcome.run().mode(), outcome.run().addedCount(), outcome.run().skippedCount());
                    }
                }
                case GONE -> {
                    Log.errorf("run-once: no sync %s", outcome.syncId());
                    code = 1;
                }
                case BUSY -> Log.infof("run-once: sync %s is being run by another scheduler", outcome.syncId());
                case NOT_DUE -> Log.infof("run-once: sync %s was just run by another scheduler", outcome.syncId());
            }
        }
        Log.infof("run-once: %d folder syncs looked at", outcomes.size());
        return code;
    }

    private int runHousekeeping() {
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
