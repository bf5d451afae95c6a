package dev.vidferry.scheduler;

import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

import dev.vidferry.testsupport.emulator.GoogleEmulatorResource;
import dev.vidferry.testsupport.kafka.KafkaResource;
import dev.vidferry.testsupport.postgres.PostgresResource;

/**
 * The one test profile of this module, so Quarkus boots once for all test classes: a fresh
 * {@code vidferry_test_scheduler} database reached through a cuttable proxy, a Kafka broker inside the test JVM
 * that the readiness tests may stop, and the Google emulator (folder syncs read Drive through the official client).
 */
public class SchedulerTestProfile implements QuarkusTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(
                new TestResourceEntry(KafkaResource.class, Map.of("mode", "embedded")),
                new TestResourceEntry(GoogleEmulatorResource.class),
                new TestResourceEntry(PostgresResource.class,
                        Map.of("database", "scheduler", "fresh", "true", "proxy", "true")));
    }
}
