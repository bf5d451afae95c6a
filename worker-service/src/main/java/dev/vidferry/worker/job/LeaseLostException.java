package dev.vidferry.worker.job;

import dev.vidferry.platform.job.Fence;

/** A fenced write changed no row: the job was cancelled or another worker took it over. Stop touching it. */
public class LeaseLostException extends RuntimeException {

    public LeaseLostException(Fence fence) {
        super("job " + fence.jobId() + " attempt " + fence.attempt() + " is no longer held by " + fence.leaseOwner());
    }
}
