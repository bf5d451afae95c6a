package dev.vidferry.api.events;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Live job events over SSE ({@code /api/v1/events}, {@code /api/v1/jobs/{id}/events}). */
@ConfigMapping(prefix = "vidferry.events")
public interface EventsConfig {

    /** How often an idle stream gets a {@code : heartbeat} comment (keeps proxies from closing it). */
    @WithDefault("15s")
    Duration heartbeat();

    /** Events buffered per client before a slow client is dropped (it reconnects with Last-Event-ID). */
    @WithDefault("256")
    int clientBuffer();

    /** At most this many of the caller's most recent jobs are replayed from the database on a reconnect. */
    @WithDefault("100")
    int catchUpJobs();
}
