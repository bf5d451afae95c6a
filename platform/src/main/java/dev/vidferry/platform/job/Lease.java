package dev.vidferry.platform.job;

/** What a fenced write of a running job learnt about it. */
public enum Lease {
    /** Still ours, go on. */
    HELD,
    /** The user asked to cancel the job: stop and mark it cancelled. */
    CANCEL_REQUESTED,
    /** Taken over or finished elsewhere: stop without writing. */
    LOST
}
