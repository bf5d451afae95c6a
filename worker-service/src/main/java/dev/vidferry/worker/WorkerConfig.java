package dev.vidferry.worker;

import java.time.Duration;
import java.util.Optional;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How a worker takes and runs jobs. */
@ConfigMapping(prefix = "vidferry.worker")
public interface WorkerConfig {

    /** YouTube wants every chunk but the last to be a multiple of this. */
    long CHUNK_GRANULARITY = 256 * 1024;

    /** How many transfers run at once in this process (its transfer slots). */
    @WithDefault("2")
    int concurrency();

    /** Bytes per upload PUT and size of the one buffer each transfer holds; a multiple of 256 KiB. */
    @WithDefault("8M")
    MemorySize chunkSize();

    /**
     * How long a claim is valid without a heartbeat; once it has expired any worker's next dispatch round takes the
     * job over (attempt + 1), so this bounds the dead time after a crash.
     */
    @WithDefault("10s")
    Duration leaseDuration();

    /** How often a running transfer extends its lease; at most half of {@code lease-duration}. */
    @WithDefault("3s")
    Duration heartbeatInterval();

    /** Least time between two progress events of one job while bytes move. */
    @WithDefault("500ms")
    Duration progressInterval();

    /** Least time between two writes of a job's progress columns. */
    @WithDefault("1s")
    Duration dbProgressInterval();

    /** Lease owner name of this process; default host name + pid + a random suffix. */
    Optional<String> id();

    /**
     * Base of the pause before a job that failed transiently may be claimed again: a random time between 0 and
     * {@code min(retry-backoff-max, retry-backoff * 2^attempt)} (full jitter).
     */
    @WithDefault("30s")
    Duration retryBackoff();

    /** Longest pause between two attempts of a job. */
    @WithDefault("30m")
    Duration retryBackoffMax();

    /** How often a failed chunk PUT is retried in place (status query, resume) before the attempt gives up. */
    @WithDefault("5")
    int chunkRetries();

    /** First pause before retrying a failed chunk in place; doubles per retry, full jitter, at most 30s. */
    @WithDefault("1s")
    Duration chunkRetryBackoff();

    /** How long shutdown waits for running transfers to hand their jobs back. */
    @WithDefault("20s")
    Duration shutdownGrace();

    /**
     * How often the dispatcher looks for claimable jobs without being woken (a record, a slot coming free): picks up
     * due retries, expired leases and jobs whose record went to another worker or was lost.
     */
    @WithDefault("1s")
    Duration dispatchInterval();

    /** Test-only hooks for crash tests. */
    Debug debug();

    /** Test-only: pause a first attempt at a named point so a test can kill the process there. */
    interface Debug {

        /**
         * Comma-separated pause points: {@code before-first-chunk}, {@code between-chunks}, {@code before-record}.
         * Empty in production.
         */
        Optional<String> pauseAt();

        /** How long a pause lasts. */
        @WithDefault("60s")
        Duration pauseFor();
    }
}
