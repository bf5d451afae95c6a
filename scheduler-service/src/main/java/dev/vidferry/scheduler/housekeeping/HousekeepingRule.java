package dev.vidferry.scheduler.housekeeping;

import java.time.Duration;
import java.util.Locale;

import dev.vidferry.platform.job.JobSweep;

/**
 * What one housekeeping pass does, in this order: each rule is a {@link JobSweep} of the platform (the SQL, the
 * statuses it moves jobs between, checked against the state machine) and the policy around it: which age of the
 * configuration it waits for, and whether the moved jobs are dispatched again ({@code upload-job.requested}) and why.
 */
enum HousekeepingRule {

    /** Orphaned cancels are finished as the worker would have. */
    CANCEL_ORPHANED(JobSweep.CANCEL_ORPHANED, null),

    /** Lost jobs with no attempts left fail. */
    RETRIES_EXHAUSTED(JobSweep.RETRIES_EXHAUSTED, null),

    /**
     * Backstop: leases expired for longer than {@code lease-grace} (workers claim expired leases themselves, at once,
     * whenever they have a free slot) go back to pending and are dispatched again.
     */
    LEASE_EXPIRED(JobSweep.LEASE_EXPIRED, "redispatch"),

    /** Due deferred jobs (quota, channel upload cap) are resumed. */
    DEFERRED_DUE(JobSweep.DEFERRED_DUE, "resume"),

    /** Pending jobs whose back-off has elapsed are dispatched again. */
    BACKOFF_ELAPSED(JobSweep.BACKOFF_ELAPSED, "retry"),

    /** Safety net for lost dispatches: pending jobs unclaimed for {@code redispatch-after} are sent again. */
    STALE_PENDING(JobSweep.STALE_PENDING, "redispatch");

    final JobSweep sweep;
    /** The {@code reason} of the JobRequested it emits, or null when the job is not dispatched. */
    final String dispatchReason;

    HousekeepingRule(JobSweep sweep, String dispatchReason) {
        this.sweep = sweep;
        this.dispatchReason = dispatchReason;
    }

    /**
     * The age the sweep waits for: {@code redispatch-after} for {@link #STALE_PENDING}, {@code lease-grace} for
     * {@link #LEASE_EXPIRED}, null for the others.
     */
    Duration age(HousekeepingConfig config) {
        return switch (this) {
            case STALE_PENDING -> config.redispatchAfter();
            case LEASE_EXPIRED -> config.leaseGrace();
            default -> null;
        };
    }

    /** The metric tag of the rule, e.g. {@code lease_expired}. */
    String tag() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether the rule changes the status (then it also emits a progress event). */
    boolean changesStatus() {
        return sweep.changesStatus();
    }
}
