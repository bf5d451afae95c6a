package dev.vidferry.api;

import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

import dev.vidferry.testsupport.emulator.GoogleEmulatorResource;
import dev.vidferry.testsupport.kafka.KafkaResource;
import dev.vidferry.testsupport.postgres.PostgresResource;

/**
 * The one profile of every api-service test class, so Quarkus boots once: real Postgres (fresh
 * {@code vidferry_test_api}, reached through a TcpProxy that {@code OutageTest} cuts), real Kafka, the Google emulator. Size limits are small so seeded files stay small.
 */
public class ApiTestProfile implements QuarkusTestProfile {

    public static final String DATABASE = "vidferry_test_api";
    public static final long MAX_SIZE = 64L << 20;
    public static final long WARNING_SIZE = 32L << 20;
    public static final String OLD_KEY = "b2xkLWtleS1vbGQta2V5LW9sZC1rZXktb2xkLWtleSE=";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.ofEntries(
                Map.entry("vidferry.jobs.max-size", String.valueOf(MAX_SIZE)),
                Map.entry("vidferry.jobs.warning-size", String.valueOf(WARNING_SIZE)),
                Map.entry("vidferry.outbox.relay.poll-interval", "500ms"),
                Map.entry("vidferry.outbox.relay.send-timeout", "3s"),
                Map.entry("vidferry.events.heartbeat", "300ms"),
                // {upload_date} in a zone 14 h ahead of UTC, so a test can tell it from the UTC date most of the day
                Map.entry("vidferry.folders.upload-date-zone", FolderUploadTest.ZONE),
                // webhooks: quick retries so a failing receiver is given up (and its hook disabled) within seconds
                Map.entry("vidferry.webhooks.max-attempts", "3"),
                Map.entry("vidferry.webhooks.initial-backoff", "200ms"),
                Map.entry("vidferry.webhooks.disable-after-failures", "2"),
                Map.entry("vidferry.webhooks.poll-interval", "200ms"),
                // a retired key: rows sealed with it must still open (KeyRotationTest); "test" stays active
                Map.entry("vidferry.crypto.keys.old", OLD_KEY));
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(
                new TestResourceEntry(PostgresResource.class,
                        Map.of("database", "api", "fresh", "true", "proxy", "true")),
                new TestResourceEntry(KafkaResource.class),
                new TestResourceEntry(GoogleEmulatorResource.class));
    }
}
