package dev.vidferry.model.job;

import static dev.vidferry.model.job.JobStatus.CANCELLED;
import static dev.vidferry.model.job.JobStatus.COMPLETED;
import static dev.vidferry.model.job.JobStatus.DEFERRED;
import static dev.vidferry.model.job.JobStatus.DOWNLOADING;
import static dev.vidferry.model.job.JobStatus.FAILED;
import static dev.vidferry.model.job.JobStatus.PENDING;
import static dev.vidferry.model.job.JobStatus.UPLOADING;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The allowed transitions of an upload job, in one place. Every service asks this class before it
 * changes a status, and SQL updates repeat the same rule in their {@code WHERE status IN (...)} guard
 * (see {@link #sourcesOf(JobStatus)}).
 */
public final class JobStateMachine {

    private static final Map<JobStatus, Set<JobStatus>> ALLOWED = new EnumMap<>(JobStatus.class);

    static {
        // claim, cancel, defer before start (quota), fail before start (account needs reconnecting)
        ALLOWED.put(PENDING, EnumSet.of(DOWNLOADING, CANCELLED, DEFERRED, FAILED));
        // duplicate found -> COMPLETED without upload; lease lost / released -> PENDING
        ALLOWED.put(DOWNLOADING, EnumSet.of(UPLOADING, COMPLETED, FAILED, CANCELLED, DEFERRED, PENDING));
        ALLOWED.put(UPLOADING, EnumSet.of(COMPLETED, FAILED, CANCELLED, DEFERRED, PENDING));
        ALLOWED.put(DEFERRED, EnumSet.of(PENDING, CANCELLED, FAILED));
        // user retry
        ALLOWED.put(FAILED, EnumSet.of(PENDING));
        ALLOWED.put(CANCELLED, EnumSet.of(PENDING));
        // the user asks to redo the after-upload steps that failed (POST /jobs/{id}/finish): the video is kept
        ALLOWED.put(COMPLETED, EnumSet.of(PENDING));
    }

    private JobStateMachine() {
    }

    /** Whether a job in {@code from} may move to {@code to}. Staying in the same state is not a transition. */
    public static boolean canTransition(JobStatus from, JobStatus to) {
        return from != null && to != null && ALLOWED.get(from).contains(to);
    }

    /** Throws {@link IllegalTransitionException} unless {@link #canTransition} allows the move. */
    public static void requireTransition(JobStatus from, JobStatus to) {
        if (!canTransition(from, to)) {
            throw new IllegalTransitionException(from, to);
        }
    }

    /** The states reachable from {@code from} in one step. */
    public static Set<JobStatus> targetsOf(JobStatus from) {
        return Collections.unmodifiableSet(ALLOWED.get(from));
    }

    /** The states from which {@code to} is reachable in one step (for SQL guards). */
    public static Set<JobStatus> sourcesOf(JobStatus to) {
        EnumSet<JobStatus> sources = EnumSet.noneOf(JobStatus.class);
        ALLOWED.forEach((from, targets) -> {
            if (targets.contains(to)) {
                sources.add(from);
            }
        });
        return Collections.unmodifiableSet(sources);
    }

    /** A refused status change. */
    public static final class IllegalTransitionException extends IllegalStateException {

        private final JobStatus from;
        private final JobStatus to;

        public IllegalTransitionException(JobStatus from, JobStatus to) {
            super("a job cannot go from " + (from == null ? "nothing" : from.wireName()) + " to "
                    + (to == null ? "nothing" : to.wireName()));
            this.from = from;
            this.to = to;
        }

        public JobStatus from() {
            return from;
        }

        public JobStatus to() {
            return to;
        }
    }
}
