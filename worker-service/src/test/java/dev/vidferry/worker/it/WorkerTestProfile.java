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
        return Map.ofEntries(
                Map.entry("vidferry.worker.chunk-size", "512K"),
                Map.entry("vidferry.worker.concurrency", "2"),
                Map.entry("vidferry.worker.heartbeat-interval", "2s"),
                Map.entry("vidferry.worker.lease-duration", "20s"),
                Map.entry("vidferry.worker.retry-backoff", "1s"),
                Map.entry("vidferry.worker.progress-interval", "100ms"),
                Map.entry("vidferry.worker.dispatch-interval", "500ms"),
                Map.entry("vidferry.worker.chunk-retry-backoff", "100ms"),
                Map.entry("mp.messaging.incoming.job-requests.group.id", GROUP),
                Map.entry("mp.messaging.incoming.job-requests.auto.offset.reset", "latest"),
                Map.entry("vidferry.outbox.relay.poll-interval", "200ms"));
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(
                new TestResourceEntry(PostgresResource.class,
                        Map.of("database", "worker", "fresh", "true", "proxy", "true")),
                new TestResourceEntry(KafkaResource.class),
                new TestResourceEntry(GoogleEmulatorResource.class));
    }
}
