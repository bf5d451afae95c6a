package dev.vidferry.api.webhook;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Signed webhooks: who may be called, how often we retry, when a hook is disabled. */
@ConfigMapping(prefix = "vidferry.webhooks")
public interface WebhooksConfig {

    /** Allow plain {@code http} to loopback addresses (127.0.0.0/8, ::1): dev and tests only. */
    @WithDefault("false")
    boolean allowLoopbackHttp();

    /** Attempts of one delivery before it is given up ({@code failed}). */
    @WithDefault("8")
    int maxAttempts();

    /** Wait before the second attempt; doubled on every further attempt. */
    @WithDefault("5s")
    Duration initialBackoff();

    /** Longest wait between two attempts. */
    @WithDefault("1h")
    Duration maxBackoff();

    /** A hook is disabled after this many deliveries in a row failed for good. */
    @WithDefault("5")
    int disableAfterFailures();

    /** Time a receiver has to answer one attempt (connect + response). */
    @WithDefault("10s")
    Duration requestTimeout();

    /** How often due deliveries are looked for (new ones are also sent at once). */
    @WithDefault("1s")
    Duration pollInterval();

    /** Deliveries claimed per round. */
    @WithDefault("20")
    int batchSize();

    /** Most hooks per user. */
    @WithDefault("20")
    int maxPerOwner();
}
