package dev.vidferry.model.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One run of a saved folder sync.
 *
 * @param trigger {@code schedule} or {@code manual}
 * @param status {@code queued} (asked for, the scheduler starts it within its tick), {@code running},
 *        {@code succeeded} or {@code failed}
 * @param mode {@code full} (the whole folder scanned) or {@code incremental} (Drive's changes since the last run);
 *        null while queued
 * @param fullRequested a full rescan was asked for ({@code ?full=true})
 * @param added jobs queued
 * @param skipped videos found but not queued (duplicates, bad sidecars, over maxFilesPerRun)
 * @param driveCalls Drive requests the run made
 * @param batchId the batch of the queued jobs ({@code GET /api/v1/jobs?batchId=}; the run's id), null when none
 * @param error why it failed, null otherwise
 * @param warnings what the scan reported (cycles, dangling shortcuts, a refused changes token)
 */
public record SyncRunView(UUID id, UUID syncId, String trigger, String status, String mode, boolean fullRequested,
        Instant requestedAt, Instant startedAt, Instant finishedAt, int added, int skipped, int driveCalls,
        String batchId, String error, List<String> warnings) {
}
