package dev.vidferry.testsupport.kafka;

import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.jboss.logging.Logger;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

import dev.vidferry.model.event.Topics;
import dev.vidferry.platform.kafka.TopicCreator;

/**
 * A real Kafka broker for Quarkus tests, started once per JVM and shared by every test class:
 * <ol>
 * <li>the broker named by {@code KAFKA_BOOTSTRAP_SERVERS} when set (bin/vidferry test sets it);</li>
 * <li>else a Testcontainers {@code apache/kafka} container when a Docker engine answers;</li>
 * <li>else a KRaft broker inside the test JVM ({@link EmbeddedKafkaBroker}).</li>
 * </ol>
 * Init arg {@code mode=embedded} skips 1 and 2: use it for tests that {@link #stopBroker() stop} the broker. The
 * vidferry topics ({@link Topics#ALL}) are created before the application boots. Provides
 * {@code kafka.bootstrap.servers}, and injects a {@link KafkaCompanion} into test fields annotated
 * {@link InjectKafkaCompanion}; {@link #companion()} returns the same object.
 * <p>
 * A shared broker keeps records between runs: consume from offsets recorded at the start of a test, or use fresh
 * consumer groups and unique keys.
 */
public class KafkaResource implements QuarkusTestResourceLifecycleManager {

    /** Environment variable naming an already running broker. */
    public static final String ENV = "KAFKA_BOOTSTRAP_SERVERS";

    private static final Logger LOG = Logger.getLogger(KafkaResource.class);

    private static KafkaBroker shared;
    private static EmbeddedKafkaBroker embedded;
    private static volatile KafkaBroker current;
    private static KafkaCompanion companion;

    private boolean embeddedOnly;

    @Override
    public void init(Map<String, String> initArgs) {
        String mode = initArgs.getOrDefault("mode", "auto");
        if (!mode.equals("auto") && !mode.equals("embedded")) {
            throw new IllegalArgumentException("KafkaResource mode must be auto or embedded, got " + mode);
        }
        embeddedOnly = mode.equals("embedded");
    }

    @Override
    public Map<String, String> start() {
        if (embeddedOnly && System.getenv(ENV) != null) {
            // the environment outranks a test resource's config: the app would talk to the other broker
            throw new IllegalStateException(ENV + " is set, so the application would not use the in-JVM broker of"
                    + " mode=embedded; exclude the variable from the test JVM (surefire excludedEnvironmentVariables,"
                    + " see scheduler-service/pom.xml)");
        }
        KafkaBroker broker = embeddedOnly ? embedded() : shared();
        use(broker);
        return Map.of("kafka.bootstrap.servers", broker.bootstrapServers());
    }

    @Override
    public void stop() {
        // the broker lives as long as the JVM: the next test class (or profile) reuses it
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(companion(),
                new TestInjector.AnnotatedAndMatchesType(InjectKafkaCompanion.class, KafkaCompanion.class));
    }

    /** The broker of the running test. */
    public static KafkaBroker broker() {
        KafkaBroker broker = current;
        if (broker == null) {
            throw new IllegalStateException("KafkaResource has not started; add it to the test profile");
        }
        return broker;
    }

    /** {@code host:port} of the running test's broker. */
    public static String bootstrapServers() {
        return broker().bootstrapServers();
    }

    /** A companion (producer, consumer, topics, offsets) on the running test's broker. */
    public static synchronized KafkaCompanion companion() {
        KafkaBroker broker = broker();
        if (companion == null || !companion.getBootstrapServers().equals(broker.bootstrapServers())) {
            if (companion != null) {
                companion.close();
            }
            companion = new KafkaCompanion(broker.bootstrapServers());
        }
        return companion;
    }

    /** Stops the broker (needs {@code mode=embedded}); the application sees Kafka go away. */
    public static void stopBroker() {
        broker().stop();
    }

    /** Starts the stopped broker again on the same address. */
    public static void restartBroker() {
        broker().restart();
    }

    private static synchronized KafkaBroker shared() {
        if (shared == null) {
            String external = System.getenv(ENV);
            if (external != null && !external.isBlank()) {
                shared = new KafkaBroker.External(external.trim());
            } else if (ContainerKafkaBroker.dockerAvailable()) {
                shared = ContainerKafkaBroker.start();
            } else {
                shared = embedded();
            }
            LOG.infof("tests use %s", shared.describe());
        }
        return shared;
    }

    private static synchronized EmbeddedKafkaBroker embedded() {
        if (embedded == null) {
            embedded = EmbeddedKafkaBroker.start();
        } else {
            embedded.restart(); // a previous test class may have left it stopped
        }
        return embedded;
    }

    private static synchronized void use(KafkaBroker broker) {
        current = broker;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                AdminClientConfig.CLIENT_ID_CONFIG, "vidferry-test-topics"))) {
            TopicCreator.ensure(admin, Topics.ALL, 30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create the vidferry topics on " + broker.describe(), e);
        }
    }
}
