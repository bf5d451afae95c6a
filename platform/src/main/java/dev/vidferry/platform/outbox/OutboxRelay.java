package dev.vidferry.platform.outbox;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgConnectOptions;

import dev.vidferry.model.event.EventHeaders;

/**
 * Publishes {@code job_outbox} rows to Kafka and marks them published. Each round, in one transaction: take the relay
 * lock (a transaction-scoped advisory lock, so relays of several processes take turns and per-job order holds), lock
 * up to {@code batch-size} unpublished rows ({@code FOR UPDATE SKIP LOCKED}), send them (topic column, key = job id,
 * value = envelope JSON, {@code vf-*} headers), wait for the acks, set {@code published_at}, commit. A failed send
 * keeps its row (attempts + 1, last_error); its job's events then wait with exponential back-off (0.5 s doubling to
 * 60 s) while other jobs' events keep flowing. A crash between send and commit re-sends the rows:
 * delivery is at least once, consumers dedupe on the event id.
 * <p>
 * Rounds run when Postgres notifies channel {@code job_outbox} (the V1 trigger, at commit of an insert) and every
 * {@code poll-interval} as a safety net. Kafka calls run on a worker thread, never on the event loop.
 */
@ApplicationScoped
public class OutboxRelay {

    static final String CHANNEL = "job_outbox";
    /** Advisory lock key shared by every relay ("vfoutbox"). */
    static final long LOCK_KEY = 0x7666_6f75_7462_6f78L;

    static final String TRY_LOCK = "SELECT pg_try_advisory_xact_lock($1) AS locked";
    static final String SELECT_BATCH = "SELECT id, event_id::text AS event_id, aggregate_id::text AS aggregate_id, topic,"
            + " event_type, payload::text AS payload, payload->>'schemaVersion' AS schema_version, attempts"
            + " FROM job_outbox WHERE published_at IS NULL AND NOT (aggregate_id::text = ANY($2))"
            + " ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED";
    static final long MAX_BACKOFF_MILLIS = 60_000;
    static final String MARK_PUBLISHED = "UPDATE job_outbox SET published_at = now(), attempts = attempts + 1,"
            + " last_error = NULL WHERE id = ANY($1)";
    static final String MARK_FAILED = "UPDATE job_outbox SET attempts = attempts + 1, last_error = $2 WHERE id = $1";
    static final String PURGE = "DELETE FROM job_outbox WHERE published_at < now() - make_interval(secs => $1)";

    private final OutboxRelayConfig config;
    private final Instance<Pool> pools;
    private final Vertx vertx;
    private final Config mpConfig;
    private final String bootstrapServers;
    private final Map<String, Object> kafkaConfig;

    private final AtomicBoolean draining = new AtomicBoolean();
    /** Jobs whose next event failed to publish -> when to try again (epoch millis). Keeps per-job order. */
    private final Map<String, Long> backoff = new ConcurrentHashMap<>();
    private final AtomicBoolean pending = new AtomicBoolean();
    private volatile boolean active;
    private volatile boolean failing;
    private volatile long lastPurge;
    private Long pollTimer;
    private PgSubscriber subscriber;
    private KafkaProducer<String, String> producer;

    private final Instance<MeterRegistry> registries;
    private volatile Counter publishedCounter;
    private volatile Counter failedCounter;

    OutboxRelay(OutboxRelayConfig config, Instance<Pool> pools, Vertx vertx, Config mpConfig,
            @ConfigProperty(name = "kafka.bootstrap.servers", defaultValue = "localhost:9092") String bootstrapServers,
            @Identifier("default-kafka-broker") Instance<Map<String, Object>> kafkaConfig,
            Instance<MeterRegistry> registries) {
        this.registries = registries;
        this.config = config;
        this.pools = pools;
        this.vertx = vertx;
        this.mpConfig = mpConfig;
        this.bootstrapServers = bootstrapServers;
        this.kafkaConfig = kafkaConfig.isResolvable() ? kafkaConfig.get() : Map.of();
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
        synchronized (this) {
            if (producer != null) {
                producer.close(Duration.ofSeconds(5));
                producer = null;
            }
        }
    }

    /** Starts listening and polling (idempotent). Rows written while the relay was stopped are published now. */
    public synchronized void start() {
        if (active) {
            return;
        }
        active = true;
        if (producer == null) {
            producer = new KafkaProducer<>(producerConfig());
        }
        if (publishedCounter == null && registries.isResolvable()) {
            MeterRegistry registry = registries.get();
            publishedCounter = Counter.builder("vidferry.outbox.published")
                    .description("Outbox events published to Kafka").register(registry);
            failedCounter = Counter.builder("vidferry.outbox.failed")
                    .description("Outbox events Kafka did not take (kept for a later round)").register(registry);
            Gauge.builder("vidferry.outbox.jobs.waiting", backoff, Map::size)
                    .description("Jobs whose events wait for a retry after a failed publish").register(registry);
        }
        long interval = Math.max(50, config.pollInterval().toMillis());
        pollTimer = vertx.setPeriodic(interval, id -> wake());
        listen();
        vertx.runOnContext(this::wake);
        Log.infof("outbox relay started (Kafka %s, poll every %d ms)", bootstrapServers, interval);
    }

    /** Stops listening and polling; a round in progress finishes. Unpublished rows stay for the next start. */
    public synchronized void stop() {
        if (!active) {
            return;
        }
        active = false;
        if (pollTimer != null) {
            vertx.cancelTimer(pollTimer);
            pollTimer = null;
        }
        if (subscriber != null) {
            subscriber.closeAndForget();
            subscriber = null;
        }
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
            report(failure);
        });
    }

    /** One round; emits whether another round should follow right away (a full batch, all sent). */
    Uni<Boolean> round() {
        Pool pool = pools.get();
        purgeIfDue(pool);
        return pool.withTransaction(conn -> conn.preparedQuery(TRY_LOCK).execute(Tuple.of(LOCK_KEY))
                .chain(locked -> Boolean.TRUE.equals(locked.iterator().next().getBoolean("locked"))
                        ? publishBatch(conn)
                        : Uni.createFrom().item(Boolean.FALSE)));
    }

    private Uni<Boolean> publishBatch(SqlConnection conn) {
        long now = System.currentTimeMillis();
        backoff.values().removeIf(until -> until <= now);
        String[] waiting = backoff.keySet().toArray(String[]::new);
        return conn.preparedQuery(SELECT_BATCH).execute(Tuple.tuple().addInteger(config.batchSize())
                .addArrayOfString(waiting)).chain(rows -> {
                    List<OutboxRecord> records = new ArrayList<>();
                    for (Row row : rows) {
                        records.add(
                                new OutboxRecord(row.getLong("id"), row.getString("event_id"), row.getString("aggregate_id"),
                                        row.getString("topic"), row.getString("event_type"), row.getString("payload"),
                                        row.getString("schema_version"), row.getInteger("attempts")));
                    }
                    if (records.isEmpty()) {
                        return Uni.createFrom().item(Boolean.FALSE);
                    }
                    return vertx.executeBlocking(Uni.createFrom().item(() -> send(records)), false)
                            .chain(outcomes -> mark(conn, outcomes).replaceWith(() -> {
                                boolean allSent = outcomes.stream().allMatch(o -> o.error() == null);
                                holdBack(outcomes);
                                afterRound(outcomes, allSent);
                                return allSent && records.size() >= config.batchSize();
                            }));
                });
    }

    /**
     * Sends the records, then waits for all acks (blocking; worker thread). A record whose topic failed at once in this
     * round (no metadata: Kafka down, topic missing) is not tried again in the round, and neither is a later record of
     * a job whose earlier record failed, so per-job order holds and one bad topic doesn't stall the others.
     */
    private List<Outcome> send(List<OutboxRecord> records) {
        KafkaProducer<String, String> kafka;
        synchronized (this) {
            kafka = producer;
        }
        List<Future<RecordMetadata>> futures = new ArrayList<>(records.size());
        List<String> reasons = new ArrayList<>(records.size());
        List<Boolean> attempted = new ArrayList<>(records.size());
        Map<String, String> failedTopics = new HashMap<>();
        Set<String> failedJobs = new HashSet<>();
        for (OutboxRecord record : records) {
            String reason = kafka == null ? "relay stopped" : failedTopics.get(record.topic());
            if (reason == null && failedJobs.contains(record.aggregateId())) {
                reason = "an earlier event of this job was not published yet";
            }
            if (reason != null) {
                futures.add(null);
                reasons.add(reason);
                attempted.add(false);
                continue;
            }
            Future<RecordMetadata> future = null;
            try {
                future = kafka.send(record.toProducerRecord());
                reason = failedAtOnce(future);
            } catch (RuntimeException e) {
                reason = describe(e);
            }
            if (reason != null) {
                failedTopics.put(record.topic(), reason);
                failedJobs.add(record.aggregateId());
                future = null;
            }
            futures.add(future);
            reasons.add(reason);
            attempted.add(true);
        }
        long deadline = System.nanoTime() + config.sendTimeout().toNanos();
        List<Outcome> outcomes = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            Future<RecordMetadata> future = futures.get(i);
            String error = reasons.get(i);
            if (future != null) {
                try {
                    future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                    error = null;
                } catch (ExecutionException e) {
                    error = describe(e.getCause());
                } catch (TimeoutException e) {
                    error = "no acknowledgement from Kafka within " + config.sendTimeout();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    error = "interrupted";
                }
            }
            outcomes.add(new Outcome(records.get(i), error, attempted.get(i)));
        }
        return outcomes;
    }

    private static String failedAtOnce(Future<RecordMetadata> future) {
        if (!future.isDone()) {
            return null;
        }
        try {
            future.get();
            return null;
        } catch (ExecutionException e) {
            return describe(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        } catch (RuntimeException e) {
            return describe(e);
        }
    }

    private Uni<Void> mark(SqlConnection conn, List<Outcome> outcomes) {
        Long[] sent = outcomes.stream().filter(o -> o.error() == null).map(o -> o.record().id()).toArray(Long[]::new);
        List<Tuple> failed = outcomes.stream().filter(o -> o.error() != null && o.attempted())
                .map(o -> Tuple.of(o.record().id(), truncate(o.error()))).toList();
        Uni<Void> marked = sent.length == 0
                ? Uni.createFrom().voidItem()
                : conn.preparedQuery(MARK_PUBLISHED).execute(Tuple.tuple().addArrayOfLong(sent)).replaceWithVoid();
        return failed.isEmpty()
                ? marked
                : marked.chain(() -> conn.preparedQuery(MARK_FAILED).executeBatch(failed).replaceWithVoid());
    }

    /** Jobs with an event that failed wait before their next try; the rest of the outbox keeps flowing. */
    private void holdBack(List<Outcome> outcomes) {
        long now = System.currentTimeMillis();
        for (Outcome outcome : outcomes) {
            if (outcome.error() != null && outcome.attempted()) {
                int attempts = Math.min(outcome.record().attempts() + 1, 20);
                long delay = Math.min(MAX_BACKOFF_MILLIS, 500L << Math.min(attempts - 1, 10));
                backoff.merge(outcome.record().aggregateId(), now + delay, Math::max);
            }
        }
        if (backoff.size() > 10_000) {
            backoff.clear(); // a bound, not a policy: Kafka is down for everyone anyway
        }
    }

    private void afterRound(List<Outcome> outcomes, boolean allSent) {
        long sent = outcomes.stream().filter(o -> o.error() == null).count();
        if (publishedCounter != null) {
            publishedCounter.increment(sent);
            failedCounter.increment(outcomes.stream().filter(o -> o.error() != null && o.attempted()).count());
        }
        if (allSent) {
            if (failing) {
                Log.infof("outbox relay publishes again (%d events)", sent);
            } else {
                Log.debugf("outbox relay published %d events", sent);
            }
            failing = false;
            return;
        }
        String error = outcomes.stream().filter(o -> o.error() != null).findFirst().map(Outcome::error).orElse("?");
        if (!failing) {
            Log.warnf("outbox relay could not publish %d of %d events, keeping them for the next round: %s",
                    outcomes.size() - sent, outcomes.size(), error);
        } else {
            Log.debugf("outbox relay still failing: %s", error);
        }
        failing = true;
    }

    private void report(Throwable failure) {
        if (!failing) {
            Log.warnf("outbox relay round failed, retrying on the next poll: %s", describe(failure));
        } else {
            Log.debugf("outbox relay round failed: %s", describe(failure));
        }
        failing = true;
    }

    private void purgeIfDue(Pool pool) {
        long retentionSeconds = config.retention().toSeconds();
        long now = System.currentTimeMillis();
        if (retentionSeconds <= 0 || now - lastPurge < 60_000) {
            return;
        }
        lastPurge = now;
        pool.preparedQuery(PURGE).execute(Tuple.of((double) retentionSeconds)).subscribe().with(
                rows -> Log.debugf("outbox relay purged %d published rows", rows.rowCount()),
                failure -> Log.debugf("outbox purge failed: %s", describe(failure)));
    }

    private synchronized void listen() {
        if (!active) {
            return;
        }
        Optional<PgConnectOptions> options = connectOptions();
        if (options.isEmpty()) {
            Log.warn("outbox relay: no quarkus.datasource.reactive.url, relying on polling only");
            return;
        }
        PgSubscriber created = PgSubscriber.subscriber(vertx, options.get());
        created.reconnectPolicy(retries -> 1000L);
        created.channel(CHANNEL).handler(payload -> wake()).subscribeHandler(this::wake);
        subscriber = created;
        created.connect().subscribe().with(ok -> Log.debug("outbox relay listens on channel job_outbox"), failure -> {
            Log.debugf("outbox relay cannot LISTEN yet (%s); polling meanwhile", describe(failure));
            synchronized (this) {
                if (subscriber == created) {
                    subscriber = null;
                    created.closeAndForget();
                    if (active) {
                        vertx.setTimer(5_000, id -> listen());
                    }
                }
            }
        });
    }

    private Optional<PgConnectOptions> connectOptions() {
        Optional<String> url = mpConfig.getOptionalValue("quarkus.datasource.reactive.url", String.class);
        if (url.isEmpty()) {
            return Optional.empty();
        }
        String first = url.get().split(",")[0].trim();
        if (first.startsWith("vertx-reactive:")) {
            first = first.substring("vertx-reactive:".length());
        }
        PgConnectOptions options = PgConnectOptions.fromUri(first);
        mpConfig.getOptionalValue("quarkus.datasource.username", String.class).ifPresent(options::setUser);
        mpConfig.getOptionalValue("quarkus.datasource.password", String.class).ifPresent(options::setPassword);
        return Optional.of(options);
    }

    private Map<String, Object> producerConfig() {
        Map<String, Object> producerConfig = new HashMap<>();
        kafkaConfig.forEach((key, value) -> {
            if (ProducerConfig.configNames().contains(key)) {
                producerConfig.put(key, value);
            }
        });
        int timeout = (int) Math.max(2_000, config.sendTimeout().toMillis());
        producerConfig.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        producerConfig.put(ProducerConfig.CLIENT_ID_CONFIG, "vidferry-outbox-relay-" + UUID.randomUUID());
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producerConfig.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        producerConfig.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        producerConfig.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeout);
        producerConfig.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, timeout / 2);
        producerConfig.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, timeout);
        producerConfig.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        producerConfig.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000);
        return producerConfig;
    }

    private static String describe(Throwable failure) {
        return failure == null ? "unknown" : failure.getClass().getSimpleName() + ": " + failure.getMessage();
    }

    private static String truncate(String error) {
        return error.length() <= 1000 ? error : error.substring(0, 1000);
    }

    /** A row of job_outbox. */
    record OutboxRecord(long id, String eventId, String aggregateId, String topic, String eventType, String payload,
            String schemaVersion, int attempts) {

        ProducerRecord<String, String> toProducerRecord() {
            ProducerRecord<String, String> record = new ProducerRecord<>(topic, aggregateId, payload);
            record.headers().add(EventHeaders.EVENT_ID, eventId.getBytes(StandardCharsets.UTF_8));
            record.headers().add(EventHeaders.EVENT_TYPE, eventType.getBytes(StandardCharsets.UTF_8));
            record.headers().add(EventHeaders.SCHEMA_VERSION,
                    (schemaVersion == null ? "1" : schemaVersion).getBytes(StandardCharsets.UTF_8));
            return record;
        }
    }

    /** A record and why it could not be sent (null: sent and acknowledged); not attempted after an earlier failure. */
    record Outcome(OutboxRecord record, String error, boolean attempted) {
    }
}
