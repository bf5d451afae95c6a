package dev.vidferry.testsupport.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

import dev.vidferry.model.event.Topics;

class EmbeddedKafkaBrokerTest {

    private static KafkaResource resource;
    private static String bootstrap;

    @BeforeAll
    static void start() {
        resource = new KafkaResource();
        resource.init(Map.of("mode", "embedded"));
        bootstrap = resource.start().get("kafka.bootstrap.servers");
    }

    @AfterAll
    static void stop() {
        resource.stop();
    }

    @Test
    void createsTheVidferryTopicsWithTheirPartitionCounts() {
        KafkaCompanion companion = KafkaResource.companion();
        assertThat(bootstrap).startsWith("127.0.0.1:");
        for (Topics.Spec topic : Topics.ALL) {
            assertThat(companion.topics().describe(topic.name()).get(topic.name()).partitions())
                    .as(topic.name()).hasSize(topic.partitions());
        }
    }

    @Test
    void keepsRecordsAcrossAStopAndRestart() {
        KafkaCompanion companion = KafkaResource.companion();
        String key = UUID.randomUUID().toString();
        companion.produceStrings().fromRecords(new ProducerRecord<>(Topics.JOB_CONTROL, key, "before"))
                .awaitCompletion(Duration.ofSeconds(20));

        KafkaResource.stopBroker();
        KafkaResource.restartBroker();

        companion.produceStrings().fromRecords(new ProducerRecord<>(Topics.JOB_CONTROL, key, "after"))
                .awaitCompletion(Duration.ofSeconds(30));
        try (var consumer = companion.consumeStrings().fromTopics(Topics.JOB_CONTROL)) {
            var values = consumer.awaitRecords(2, Duration.ofSeconds(30)).getRecords().stream()
                    .filter(record -> key.equals(record.key())).map(record -> record.value()).toList();
            assertThat(values).containsExactly("before", "after");
        }
    }
}
