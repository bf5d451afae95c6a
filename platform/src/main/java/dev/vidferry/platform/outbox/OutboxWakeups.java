package dev.vidferry.platform.outbox;

import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import io.quarkus.logging.Log;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgConnection;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * When the relay runs a round: when Postgres notifies channel {@code job_outbox} (the V1 trigger, at commit of an
 * insert), on every (re)connect of the listener, and every {@code poll-interval} as a safety net. The listener is a
 * connection of the service's own pool (so it uses the datasource's URL, credentials and TLS as configured), held
 * while the relay runs and replaced when it drops.
 */
@ApplicationScoped
class OutboxWakeups {

    static final String CHANNEL = "job_outbox";
    static final long RELISTEN_AFTER_CLOSE_MILLIS = 1_000;
    static final long RELISTEN_AFTER_FAILURE_MILLIS = 5_000;

    private final OutboxRelayConfig config;
    private final Supplier<Pool> pools;
    private final Vertx vertx;
    private Runnable wake;
    private Long pollTimer;
    private SqlConnection listener;
    private boolean active;
    /** Changes on every start and stop, so a LISTEN that completes after a stop is dropped. */
    private int generation;

    @Inject
    OutboxWakeups(OutboxRelayConfig config, Instance<Pool> pools, Vertx vertx) {
        this(config, (Supplier<Pool>) pools::get, vertx);
    }

    OutboxWakeups(OutboxRelayConfig config, Supplier<Pool> pools, Vertx vertx) {
        this.config = config;
        this.pools = pools;
        this.vertx = vertx;
    }

    /** Calls {@code wake} on every notification and poll from now on; returns the poll interval in ms. */
    synchronized long start(Runnable wake) {
        this.wake = wake;
        active = true;
        generation++;
        long interval = Math.max(50, config.pollInterval().toMillis());
        pollTimer = vertx.setPeriodic(interval, id -> wake.run());
        listen();
        return interval;
    }

    synchronized void stop() {
        active = false;
        generation++;
        if (pollTimer != null) {
            vertx.cancelTimer(pollTimer);
            pollTimer = null;
        }
        if (listener != null) {
            SqlConnection held = listener;
            listener = null;
            held.query("UNLISTEN " + CHANNEL).execute().onItemOrFailure().transformToUni((rows, failure) -> held.close())
                    .subscribe().with(ok -> {
                    }, failure -> Log.debugf("outbox relay: closing the listener failed: %s", failure));
        }
    }

    private synchronized void listen() {
        if (!active) {
            return;
        }
        int listenFor = generation;
        pools.get().getConnection().chain(conn -> {
            PgConnection pg = PgConnection.cast(conn);
            pg.notificationHandler(notification -> {
                if (CHANNEL.equals(notification.getChannel())) {
                    wake.run();
                }
            });
            pg.closeHandler(() -> dropped(conn));
            return conn.query("LISTEN " + CHANNEL).execute().replaceWith(conn)
                    .onFailure().call(failure -> conn.close());
        }).subscribe().with(conn -> listening(conn, listenFor), failure -> {
            Log.debugf("outbox relay cannot LISTEN yet (%s); polling meanwhile", OutboxRecord.describe(failure));
            relistenIn(RELISTEN_AFTER_FAILURE_MILLIS);
        });
    }

    private synchronized void listening(SqlConnection conn, int listenFor) {
        if (!active || listenFor != generation || listener != null) {
            conn.closeAndForget();
            return;
        }
        listener = conn;
        Log.debug("outbox relay listens on channel job_outbox");
        wake.run();
    }

    private synchronized void dropped(SqlConnection conn) {
        if (listener == conn) {
            listener = null;
            Log.debug("outbox relay lost its LISTEN connection; polling meanwhile");
            relistenIn(RELISTEN_AFTER_CLOSE_MILLIS);
        }
    }

    private synchronized void relistenIn(long millis) {
        if (active) {
            vertx.setTimer(millis, id -> listen());
        }
    }
}
