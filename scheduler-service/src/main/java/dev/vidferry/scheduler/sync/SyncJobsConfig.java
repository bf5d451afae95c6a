package dev.vidferry.scheduler.sync;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The job limits a sync's jobs get: the same keys (and defaults) as api-service's {@code vidferry.jobs}, so one
 * setting applies to jobs from the API and from syncs alike.
 */
@ConfigMapping(prefix = "vidferry.jobs")
public interface SyncJobsConfig {

    /** Files above this size are skipped ({@code too_large}). */
    @WithDefault("5G")
    MemorySize maxSize();

    /** Files above this size are queued with a warning on the job. */
    @WithDefault("4G")
    MemorySize warningSize();

    /** Attempts a job gets before it fails for good. */
    @WithDefault("5")
    int maxAttempts();
}
