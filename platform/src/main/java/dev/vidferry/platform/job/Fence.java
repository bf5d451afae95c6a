package dev.vidferry.platform.job;

import java.util.UUID;

/** What every write of a running job is conditioned on: the job, the lease owner and the attempt that claimed it. */
public record Fence(UUID jobId, String leaseOwner, int attempt) {
}
