package dev.vidferry.testsupport.kafka;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.testcontainers.kafka.KafkaContainer;

/** Apache Kafka (KRaft) in a Testcontainers container, used when a Docker engine answers. */
final class ContainerKafkaBroker implements KafkaBroker {

    static final String IMAGE = "apache/kafka:4.1.2";

    private final KafkaContainer container;

    private ContainerKafkaBroker(KafkaContainer container) {
        this.container = container;
    }

    static ContainerKafkaBroker start() {
        KafkaContainer container = new KafkaContainer(IMAGE)
                .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false")
                .withEnv("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0");
        container.start();
        return new ContainerKafkaBroker(container);
    }

    /** Asks Testcontainers only when a Docker endpoint may exist (it logs an ERROR when none does). */
    static boolean dockerAvailable() {
        String home = System.getProperty("user.home");
        String runtimeDir = System.getenv("XDG_RUNTIME_DIR");
        boolean maybe = System.getenv("DOCKER_HOST") != null
                || Stream.of("/var/run/docker.sock", home + "/.docker/run/docker.sock",
                        home + "/.docker/desktop/docker.sock", home + "/.testcontainers.properties",
                        runtimeDir + "/docker.sock").anyMatch(path -> Files.exists(Path.of(path)));
        if (!maybe) {
            return false;
        }
        try {
            return org.testcontainers.DockerClientFactory.instance().isDockerAvailable();
        } catch (Throwable e) {
            return false;
        }
    }

    @Override
    public String bootstrapServers() {
        return container.getBootstrapServers().replace("PLAINTEXT://", "");
    }

    @Override
    public String describe() {
        return "Kafka container " + IMAGE + " at " + bootstrapServers();
    }

    @Override
    public void close() {
        container.stop();
    }
}
