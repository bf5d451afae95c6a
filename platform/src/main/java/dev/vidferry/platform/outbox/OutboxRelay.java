package dev.vidferry.platform.outbox;

import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Publishes {@code job_outbox} rows to Kafka and marks them published (rows written by {@link OutboxWriter}). This
 * class runs the relay's life: {@link OutboxWakeups} say when, {@link OutboxPublisher} runs one round (lock, send,
 * mark, per-job back-off), {@link OutboxPurger} deletes old published rows, {@link OutboxMetrics} counts. Rounds never
 * overlap within a process; a wake-up during a round asks for another right after it.
 */
@ApplicationScoped
public class OutboxRelay {

    private final OutboxRelayConfig config;
    private final Instance<Pool> pools;
    private final Vertx vertx;
    private final OutboxWakeups wakeups;
    private final OutboxPublisher publisher;
    private final OutboxSender sender;
    private final OutboxPurger purger;
    private final OutboxMetrics metrics;

    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicBoolean pending = new AtomicBoolean();
    private volatile boolean active;

    OutboxRelay(OutboxRelayConfig config, Instance<Pool> pools, Vertx vertx, OutboxWakeups wakeups,
            OutboxPublisher publisher, OutboxSender sender, OutboxPurger purger, OutboxMetrics metrics) {
        this.config = config;
        this.pools = pools;
        this.vertx = vertx;
        this.wakeups = wakeups;
        this.publisher = publisher;
        this.sender = sender;
        this.purger = purger;
        this.metrics = metrics;
    }

    void onStart(@Observes StartupEvent event) {
        if (config.enabled()) {
            start();
        } else {
            Log.info("vidferry.outbox.relay.enabled=false: outbox rows of this process are published by another relay");
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        stop();
        sender.close();
    }

    /** Starts listening and polling (idempotent). Rows written while the relay was stopped are published now. */
    public synchronized void start() {
        if (active) {
            return;
        }
        active = true;
        sender.open();
        metrics.register();
        long interval = wakeups.start(this::wake);
        vertx.runOnContext(this::wake);
        Log.infof("outbox relay started (Kafka %s, poll every %d ms)", sender.bootstrapServers(), interval);
    }

    /** Stops listening and polling; a round in progress finishes. Unpublished rows stay for the next start. */
    public synchronized void stop() {
        if (!active) {
            return;
        }
        active = false;
        wakeups.stop();
        Log.info("outbox relay stopped");
    }

    /** Whether the relay is running. */
    public boolean isActive() {
        return active;
    }

    /** Asks for a round soon; rounds never overlap within a process. */
    public void wake() {
        if (!active) {
            return;
        }
        pending.set(true);
        if (!draining.compareAndSet(false, true)) {
            return;
        }
        pending.set(false);
        Uni.createFrom().deferred(this::round).subscribe().with(more -> {
            draining.set(false);
            if (more || pending.get()) {
                vertx.runOnContext(this::wake);
            }
        }, failure -> {
            draining.set(false);
            metrics.roundFailed(failure);
        });
    }

    private Uni<Boolean> round() {
        Pool pool = pools.get();
        purger.purgeIfDue(pool);
        return publisher.round(pool);
    }
}
