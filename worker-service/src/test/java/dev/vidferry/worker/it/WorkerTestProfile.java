package dev.vidferry.worker.it;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.quarkus.test.junit.QuarkusTestProfile;

import dev.vidferry.testsupport.emulator.GoogleEmulatorResource;
import dev.vidferry.testsupport.kafka.KafkaResource;
import dev.vidferry.testsupport.postgres.PostgresResource;

/**
 * The one test profile of worker-service: real Postgres (own database, migrated by Flyway), a real Kafka broker, the
 * Google emulator; small chunks so uploads take many PUTs; a consumer group of its own so workers of other test
 * runs on a shared broker never take this run's records.
 */
public class WorkerTestProfile implements QuarkusTestProfile {

    static final String GROUP = "vidferry-workers-test-" + UUID.randomUUID();

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "vidferry.worker.chunk-size", "512K",
                "vidferry.worker.concurrency", "2",
                "vidferry.worker.heartbeat-interval", "2s",
                "vidferry.worker.lease-duration", "20s",
                "vidferry.worker.retry-backoff", "1s",
                "vidferry.worker.progress-interval", "100ms",
                "mp.messaging.incoming.job-requests.group.id", GROUP,
                "mp.messaging.incoming.job-requests.auto.offset.reset", "latest",
                "vidferry.outbox.relay.poll-interval", "200ms");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(
                new TestResourceEntry(PostgresResource.class, Map.of("database", "worker", "fresh", "true")),
                new TestResourceEntry(KafkaResource.class),
                new TestResourceEntry(GoogleEmulatorResource.class));
    }
}
