package dev.vidferry.worker.dispatch;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.pgclient.PgConnectOptions;

/**
 * Wakes the {@link JobDispatcher} when Postgres says a job became pending ({@code LISTEN upload_job_pending}, sent
 * by a trigger on {@code upload_job}). Every worker hears it, so an idle worker starts a new job within milliseconds
 * even when the job's Kafka record went to a worker whose slots are full. If the connection drops, it reconnects;
 * meanwhile Kafka records and the dispatch tick still wake the dispatcher.
 */
@ApplicationScoped
public class PendingJobListener {

    static final String CHANNEL = "upload_job_pending";

    private final Vertx vertx;
    private final JobDispatcher dispatcher;
    private final Optional<String> url;
    private final Optional<String> user;
    private final Optional<String> password;
    private PgSubscriber subscriber;
    private boolean stopped;

    public PendingJobListener(Vertx vertx, JobDispatcher dispatcher,
            @ConfigProperty(name = "quarkus.datasource.reactive.url") Optional<String> url,
            @ConfigProperty(name = "quarkus.datasource.username") Optional<String> user,
            @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
        this.vertx = vertx;
        this.dispatcher = dispatcher;
        this.url = url;
        this.user = user;
        this.password = password;
    }

    void onStart(@Observes StartupEvent event) {
        if (url.isEmpty()) {
            Log.warn("no quarkus.datasource.reactive.url: the dispatcher relies on Kafka records and its tick");
            return;
        }
        listen();
    }

    private synchronized void listen() {
        if (stopped) {
            return;
        }
        String first = url.orElseThrow().split(",")[0].trim().replaceFirst("^vertx-reactive:", "");
        PgConnectOptions options = PgConnectOptions.fromUri(first);
        user.ifPresent(options::setUser);
        password.ifPresent(options::setPassword);
        PgSubscriber created = PgSubscriber.subscriber(vertx, options);
        created.reconnectPolicy(retries -> 1000L);
        // (re)subscribed: jobs may have become pending while the connection was away
        created.channel(CHANNEL).handler(payload -> dispatcher.wake()).subscribeHandler(dispatcher::wake);
        subscriber = created;
        created.connect().subscribe().with(ok -> Log.debugf("listening on %s", CHANNEL), failure -> {
            Log.warnf("cannot LISTEN on %s yet (%s); the dispatch tick covers meanwhile", CHANNEL, failure.toString());
            created.closeAndForget();
            vertx.setTimer(5_000, id -> listen());
        });
    }

    synchronized void onStop(@Observes ShutdownEvent event) {
        stopped = true;
        if (subscriber != null) {
            subscriber.closeAndForget();
        }
    }
}
