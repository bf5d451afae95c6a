package dev.vidferry.platform.sync;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One run of a sync as stored in {@code folder_sync_run}.
 *
 * @param trigger {@code schedule} (the cron) or {@code manual} ({@code POST /syncs/{id}/run})
 * @param status {@code queued} (asked for, not started), {@code running}, {@code succeeded}, {@code failed}
 * @param mode {@code full} or {@code incremental}; null while queued
 * @param fullRequested the caller asked for a full rescan ({@code ?full=true})
 * @param driveCalls Drive requests the run made
 * @param batchId the jobs' batch id, null when nothing was enqueued
 * @param error why the run failed, null otherwise
 * @param warnings what the scan reported (cycles, dangling shortcuts, a rescan because the token was refused)
 */
public record SyncRun(UUID id, UUID syncId, String trigger, String status, String mode, boolean fullRequested,
        Instant requestedAt, Instant startedAt, Instant finishedAt, int addedCount, int skippedCount, int driveCalls,
        String batchId, String error, List<String> warnings) {

    public static final String QUEUED = "queued";
    public static final String RUNNING = "running";
    public static final String SUCCEEDED = "succeeded";
    public static final String FAILED = "failed";
    public static final String FULL = "full";
    public static final String INCREMENTAL = "incremental";

    public SyncRun {
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    /** The run finished: what it did. */
    public SyncRun succeeded(String runMode, Instant at, int added, int skipped, int calls, String batch,
            List<String> runWarnings) {
        return new SyncRun(id, syncId, trigger, SUCCEEDED, runMode, fullRequested, requestedAt, startedAt, at, added,
                skipped, calls, batch, null, runWarnings);
    }

    /** The run failed: why, and the Drive calls made until then. */
    public SyncRun failed(String runMode, Instant at, int calls, String why, List<String> runWarnings) {
        return new SyncRun(id, syncId, trigger, FAILED, runMode, fullRequested, requestedAt, startedAt, at, 0, 0,
                calls, null, why, runWarnings);
    }
}
