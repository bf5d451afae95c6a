package dev.vidferry.platform.outbox;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;

import dev.vidferry.platform.outbox.OutboxRecord.Outcome;

/**
 * What the relay tells operators: the {@code vidferry.outbox.*} meters, and one warning when publishing starts failing
 * (then debug lines until it works again, then one info line).
 */
@ApplicationScoped
class OutboxMetrics {

    private final Instance<MeterRegistry> registries;
    private final OutboxBackoff backoff;
    private volatile Counter published;
    private volatile Counter failed;
    private volatile boolean failing;

    OutboxMetrics(Instance<MeterRegistry> registries, OutboxBackoff backoff) {
        this.registries = registries;
        this.backoff = backoff;
    }

    /** Registers the meters once (when a registry exists). */
    synchronized void register() {
        if (published != null || !registries.isResolvable()) {
            return;
        }
        MeterRegistry registry = registries.get();
        failed = Counter.builder("vidferry.outbox.failed")
                .description("Outbox events Kafka did not take (kept for a later round)").register(registry);
        Gauge.builder("vidferry.outbox.jobs.waiting", backoff, OutboxBackoff::size)
                .description("Jobs whose events wait for a retry after a failed publish").register(registry);
        published = Counter.builder("vidferry.outbox.published")
                .description("Outbox events published to Kafka").register(registry);
    }

    /** Counts and logs the outcomes of one round. */
    void afterRound(List<Outcome> outcomes) {
        long sent = outcomes.stream().filter(Outcome::sent).count();
        if (published != null) {
            published.increment(sent);
            failed.increment(outcomes.stream().filter(Outcome::refused).count());
        }
        if (sent == outcomes.size()) {
            if (failing) {
                Log.infof("outbox relay publishes again (%d events)", sent);
            } else {
                Log.debugf("outbox relay published %d events", sent);
            }
            failing = false;
            return;
        }
        String error = outcomes.stream().filter(o -> !o.sent()).findFirst().map(Outcome::error).orElse("?");
        if (!failing) {
            Log.warnf("outbox relay could not publish %d of %d events, keeping them for the next round: %s",
                    outcomes.size() - sent, outcomes.size(), error);
        } else {
            Log.debugf("outbox relay still failing: %s", error);
        }
        failing = true;
    }

    /** A round failed as a whole (database down, say). */
    void roundFailed(Throwable failure) {
        if (!failing) {
            Log.warnf("outbox relay round failed, retrying on the next poll: %s", OutboxRecord.describe(failure));
        } else {
            Log.debugf("outbox relay round failed: %s", OutboxRecord.describe(failure));
        }
        failing = true;
    }
}
