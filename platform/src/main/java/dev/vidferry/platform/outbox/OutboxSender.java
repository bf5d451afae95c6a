package dev.vidferry.platform.outbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.smallrye.common.annotation.Identifier;

import dev.vidferry.platform.outbox.OutboxRecord.Outcome;

/** The relay's Kafka producer (idempotent, acks=all) and the blocking send of one batch. */
@ApplicationScoped
class OutboxSender {

    private final OutboxRelayConfig config;
    private final String bootstrapServers;
    private final Map<String, Object> kafkaConfig;
    private final String source;
    private KafkaProducer<String, String> producer;

    OutboxSender(OutboxRelayConfig config,
            @ConfigProperty(name = "kafka.bootstrap.servers", defaultValue = "localhost:9092") String bootstrapServers,
            @Identifier("default-kafka-broker") Instance<Map<String, Object>> kafkaConfig, OutboxWriter writer) {
        this.config = config;
        this.source = writer.source();
        this.bootstrapServers = bootstrapServers;
        this.kafkaConfig = kafkaConfig.isResolvable() ? kafkaConfig.get() : Map.of();
    }

    String bootstrapServers() {
        return bootstrapServers;
    }

    /** Creates the producer unless it exists (it outlives stop/start of the relay). */
    synchronized void open() {
        if (producer == null) {
            producer = new KafkaProducer<>(producerConfig());
        }
    }

    synchronized void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
            producer = null;
        }
    }

    /**
     * Sends the records, then waits for all acks (blocking; worker thread). A record whose topic failed at once in this
     * round (no metadata: Kafka down, topic missing) is not tried again in the round, and neither is a later record of
     * a job whose earlier record failed, so per-job order holds and one bad topic doesn't stall the others.
     */
    List<Outcome> send(List<OutboxRecord> records) {
        KafkaProducer<String, String> kafka;
        synchronized (this) {
            kafka = producer;
        }
        List<Future<RecordMetadata>> futures = new ArrayList<>(records.size());
        List<Outcome> early = new ArrayList<>(records.size());
        Map<String, String> failedTopics = new HashMap<>();
        Set<String> failedJobs = new HashSet<>();
        for (OutboxRecord record : records) {
            String reason = kafka == null ? "relay stopped" : failedTopics.get(record.topic());
            if (reason == null && failedJobs.contains(record.aggregateId())) {
                reason = "an earlier event of this job was not published yet";
            }
            if (reason != null) {
                futures.add(null);
                early.add(new Outcome(record, reason, false));
                continue;
            }
            Future<RecordMetadata> future = null;
            try {
                future = kafka.send(record.toProducerRecord(source));
                reason = failedAtOnce(future);
            } catch (RuntimeException e) {
                reason = OutboxRecord.describe(e);
            }
            if (reason != null) {
                failedTopics.put(record.topic(), reason);
                failedJobs.add(record.aggregateId());
                future = null;
            }
            futures.add(future);
            early.add(new Outcome(record, reason, true));
        }
        return awaitAcks(futures, early);
    }

    private List<Outcome> awaitAcks(List<Future<RecordMetadata>> futures, List<Outcome> early) {
        long deadline = System.nanoTime() + config.sendTimeout().toNanos();
        List<Outcome> outcomes = new ArrayList<>(early.size());
        for (int i = 0; i < early.size(); i++) {
            Future<RecordMetadata> future = futures.get(i);
            Outcome outcome = early.get(i);
            if (future == null) {
                outcomes.add(outcome);
                continue;
            }
            String error;
            try {
                future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                error = null;
            } catch (ExecutionException e) {
                error = OutboxRecord.describe(e.getCause());
            } catch (TimeoutException e) {
                error = "no acknowledgement from Kafka within " + config.sendTimeout();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                error = "interrupted";
            }
            outcomes.add(new Outcome(outcome.record(), error, true));
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
            return OutboxRecord.describe(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        } catch (RuntimeException e) {
            return OutboxRecord.describe(e);
        }
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
}
