package dev.vidferry.scheduler.sync;

import java.util.UUID;

import dev.vidferry.platform.sync.SyncRun;

/**
 * What asking to run a sync did.
 *
 * @param run the run record when it ran (succeeded or failed), else null
 */
public record SyncOutcome(UUID syncId, Kind kind, SyncRun run) {

    public enum Kind {
        /** It ran: see {@link SyncRun#status()}. */
        RAN,
        /** Another runner holds its lock (and runs it). */
        BUSY,
        /** Not due and no run asked for (another runner ran it a moment ago). */
        NOT_DUE,
        /** Deleted meanwhile. */
        GONE
    }

    static SyncOutcome ran(SyncRun run) {
        return new SyncOutcome(run.syncId(), Kind.RAN, run);
    }

    static SyncOutcome busy(UUID syncId) {
        return new SyncOutcome(syncId, Kind.BUSY, null);
    }

    static SyncOutcome notDue(UUID syncId) {
        return new SyncOutcome(syncId, Kind.NOT_DUE, null);
    }

    static SyncOutcome gone(UUID syncId) {
        return new SyncOutcome(syncId, Kind.GONE, null);
    }

    /** A run that ran and failed (Drive down, account unusable). */
    public boolean failed() {
        return run != null && SyncRun.FAILED.equals(run.status());
    }
}
