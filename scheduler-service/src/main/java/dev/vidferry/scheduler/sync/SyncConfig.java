package dev.vidferry.scheduler.sync;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Saved folder syncs: how often the scheduler looks for due ones. */
@ConfigMapping(prefix = "vidferry.sync")
public interface SyncConfig {

    /** Run due syncs on a timer (off in tests, which run them themselves, and in run-once mode). */
    @WithDefault("true")
    boolean enabled();

    /** How often to look for due syncs and runs asked for by {@code POST /api/v1/syncs/{id}/run}. */
    @WithDefault("15s")
    Duration tick();

    /** At most this many syncs per tick (the rest wait for the next tick). */
    @WithDefault("50")
    int batchSize();
}
