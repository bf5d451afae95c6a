package dev.vidferry.api.job;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Limits of job creation and listing. */
@ConfigMapping(prefix = "vidferry.jobs")
public interface JobsConfig {

    /** Files above this size are refused (422). */
    @WithDefault("5G")
    MemorySize maxSize();

    /** Files above this size are accepted with a warning on the job. */
    @WithDefault("4G")
    MemorySize warningSize();

    /** Most items in one {@code POST /jobs/bulk}. */
    @WithDefault("500")
    int bulkMaxItems();

    /** Page size of listings when {@code limit} is absent. */
    @WithDefault("20")
    int defaultPageSize();

    /** Largest {@code limit} of listings. */
    @WithDefault("100")
    int maxPageSize();

    /** Attempts a job gets before it fails for good (stored per job). */
    @WithDefault("5")
    int maxAttempts();
}
