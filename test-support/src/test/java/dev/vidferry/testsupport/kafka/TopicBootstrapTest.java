package dev.vidferry.testsupport.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

import dev.vidferry.model.event.Topics;
import dev.vidferry.platform.kafka.TopicBootstrap;
import dev.vidferry.platform.kafka.TopicBootstrapConfig;

class TopicBootstrapTest {

    private static final TopicBootstrapConfig CONFIG = new TopicBootstrapConfig() {

        @Override
        public boolean createTopics() {
            return true;
        }

        @Override
        public Duration createTopicsMaxBackoff() {
            return Duration.ofSeconds(1);
        }

        @Override
        public Duration createTopicsTimeout() {
            return Duration.ofSeconds(1);
        }
    };

    private static KafkaResource resource;

    @BeforeAll
    static void start() {
        resource = new KafkaResource();
        resource.init(Map.of("mode", "embedded"));
        resource.start();
    }

    @AfterAll
    static void restoreTopics() {
        KafkaResource.restartBroker();
        resource.start(); // puts the topics back for other test classes sharing the broker
    }

    @Test
    void createsTheTopicsOnceKafkaComesUpWithoutFailingWhileItIsDown() {
        KafkaCompanion companion = KafkaResource.companion();
        List<String> names = Topics.ALL.stream().map(Topics.Spec::name).toList();
        companion.topics().delete(names);
        await().atMost(Duration.ofSeconds(20)).until(() -> companion.topics().list().stream().noneMatch(names::contains));
        KafkaResource.stopBroker();

        TopicBootstrap bootstrap = new TopicBootstrap(CONFIG, KafkaResource.bootstrapServers(), Map.of());
        try {
            bootstrap.start(); // Kafka is down: logs and goes on retrying
            assertThat(bootstrap.isDone()).isFalse();

            KafkaResource.restartBroker();
            await().atMost(Duration.ofSeconds(30)).until(bootstrap::isDone);
        } finally {
            bootstrap.stop();
        }
        for (Topics.Spec topic : Topics.ALL) {
            assertThat(companion.topics().describe(topic.name()).get(topic.name()).partitions())
                    .as(topic.name()).hasSize(topic.partitions());
        }
    }
}
