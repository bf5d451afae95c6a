package dev.vidferry.platform.outbox;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** Deletes published rows older than {@code vidferry.outbox.relay.retention}, at most once a minute. */
@ApplicationScoped
class OutboxPurger {

    static final String PURGE = "DELETE FROM job_outbox WHERE published_at < now() - make_interval(secs => $1)";
    static final long EVERY_MILLIS = 60_000;

    private final OutboxRelayConfig config;
    private volatile long lastPurge;

    OutboxPurger(OutboxRelayConfig config) {
        this.config = config;
    }

    /** Starts a purge in the background when one is due; never fails the caller. */
    void purgeIfDue(Pool pool) {
        long retentionSeconds = config.retention().toSeconds();
        long now = System.currentTimeMillis();
        if (retentionSeconds <= 0 || now - lastPurge < EVERY_MILLIS) {
            return;
        }
        lastPurge = now;
        pool.preparedQuery(PURGE).execute(Tuple.of((double) retentionSeconds)).subscribe().with(
                rows -> Log.debugf("outbox relay purged %d published rows", rows.rowCount()),
                failure -> Log.debugf("outbox purge failed: %s", OutboxRecord.describe(failure)));
    }
}
