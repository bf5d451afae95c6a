package dev.vidferry.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

import dev.vidferry.model.event.CloudEventHeaders;
import dev.vidferry.model.event.EventHeaders;
import dev.vidferry.model.event.Topics;
import dev.vidferry.testsupport.kafka.KafkaResource;

/** Records on Kafka are CloudEvents in binary mode; the value stays the documented envelope. */
@QuarkusTest
@TestProfile(ApiTestProfile.class)
class CloudEventsTest {

    @Test
    void everyRecordOnTheProgressTopicCarriesValidCloudEventsHeaders() {
        Emulator.User user = Emulator.newUser("ce");
        Api.connectGoogle(user);
        String job = Api.newJob(user, "Cloud");
        given().header("Authorization", user.bearer()).post("/api/v1/jobs/" + job + "/cancel").then().statusCode(200);
        assertThat(KafkaEvents.await(Topics.JOB_PROGRESS, job, 2, Duration.ofSeconds(20))).hasSize(2);
        assertThat(KafkaEvents.await(Topics.JOB_REQUESTED, job, 1, Duration.ofSeconds(20))).hasSize(1);

        List<ConsumerRecord<String, String>> progress = everyRecord(Topics.JOB_PROGRESS);
        assertThat(progress).hasSizeGreaterThanOrEqualTo(2);
        progress.forEach(record -> assertCloudEvent(record, "dev.vidferry.job.progress.v1"));
        List<ConsumerRecord<String, String>> requested = everyRecord(Topics.JOB_REQUESTED);
        requested.forEach(record -> assertCloudEvent(record, "dev.vidferry.job.requested.v1"));

        ConsumerRecord<String, String> ours = progress.stream().filter(r -> job.equals(r.key())).findFirst()
                .orElseThrow();
        assertThat(KafkaEvents.header(ours, CloudEventHeaders.SOURCE)).isEqualTo("/vidferry/api");
        assertThat(KafkaEvents.header(ours, CloudEventHeaders.TRACEPARENT)).as("no tracing in this build").isNull();
    }

    private static void assertCloudEvent(ConsumerRecord<String, String> record, String type) {
        JsonPath value = new JsonPath(record.value());
        String where = record.topic() + "@" + record.partition() + ":" + record.offset();
        assertThat(KafkaEvents.header(record, CloudEventHeaders.SPEC_VERSION)).as(where).isEqualTo("1.0");
        assertThat(KafkaEvents.header(record, CloudEventHeaders.ID)).as(where).isEqualTo(value.getString("eventId"));
        assertThat(KafkaEvents.header(record, CloudEventHeaders.SOURCE)).as(where).startsWith("/vidferry/");
        assertThat(KafkaEvents.header(record, CloudEventHeaders.TYPE)).as(where).isEqualTo(type);
        assertThat(KafkaEvents.header(record, CloudEventHeaders.SUBJECT)).as(where).isEqualTo(record.key())
                .isEqualTo(value.getString("jobId"));
        assertThat(Instant.parse(KafkaEvents.header(record, CloudEventHeaders.TIME))).as(where)
                .isEqualTo(Instant.parse(value.getString("occurredAt")));
        assertThat(KafkaEvents.header(record, CloudEventHeaders.CONTENT_TYPE)).as(where).isEqualTo("application/json");
        assertThat(KafkaEvents.header(record, EventHeaders.EVENT_ID)).as(where + " (vf-* kept one release)")
                .isEqualTo(value.getString("eventId"));
    }

    /** Every record of {@code topic} from the beginning to its end offsets now. */
    private static List<ConsumerRecord<String, String>> everyRecord(String topic) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaResource.bootstrapServers(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))
                    && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }
}
