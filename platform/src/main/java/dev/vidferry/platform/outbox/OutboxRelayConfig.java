package dev.vidferry.platform.outbox;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The relay that publishes {@code job_outbox} rows to Kafka. */
@ConfigMapping(prefix = "vidferry.outbox.relay")
public interface OutboxRelayConfig {

    /** Run the relay in this process. Several processes may run it at once. */
    @WithDefault("true")
    boolean enabled();

    /** Safety-net poll besides the Postgres {@code LISTEN job_outbox} wake-up. */
    @WithDefault("1s")
    Duration pollInterval();

    /** Rows locked, published and marked per transaction. */
    @WithDefault("100")
    int batchSize();

    /** Longest wait for Kafka to acknowledge a batch (also bounds metadata waits while Kafka is down). */
    @WithDefault("10s")
    Duration sendTimeout();

    /** Published rows older than this are deleted (checked about once a minute); 0 keeps them forever. */
    @WithDefault("7d")
    Duration retention();
}
