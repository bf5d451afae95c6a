package dev.vidferry.e2e;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import com.fasterxml.jackson.databind.JsonNode;

import dev.vidferry.model.event.Topics;

/**
 * A plain Kafka consumer of {@code upload-job.progress}, as an outside consumer would write one: positioned at the
 * end of every partition when created, so it sees only what happens afterwards.
 */
public final class ProgressFeed implements AutoCloseable {

    private final KafkaConsumer<String, String> consumer;
    private final List<JsonNode> events = new ArrayList<>();

    public ProgressFeed(String bootstrapServers) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        consumer = new KafkaConsumer<>(props);
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.JOB_PROGRESS, Duration.ofSeconds(30)).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // resolve the end offsets now, before the test acts
    }

    /** Reads until {@code done} holds for the events of {@code jobId}; returns them in topic order. */
    public List<JsonNode> awaitJob(String jobId, Predicate<List<JsonNode>> done, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            List<JsonNode> ofJob = eventsOf(jobId);
            if (done.test(ofJob)) {
                return ofJob;
            }
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                try {
                    JsonNode value = ApiClient.JSON.readTree(record.value());
                    ((com.fasterxml.jackson.databind.node.ObjectNode) value).put("_key", record.key());
                    events.add(value);
                } catch (Exception e) {
                    throw new AssertionError("a progress record is not JSON: " + record.value(), e);
                }
            }
        }
        throw new AssertionError("progress of " + jobId + " incomplete after " + timeout + ": " + eventsOf(jobId));
    }

    /** Events of one job seen so far, in topic order (one job = one key = one partition). */
    public List<JsonNode> eventsOf(String jobId) {
        return events.stream().filter(e -> jobId.equals(e.path("jobId").asText())).toList();
    }

    /** Whether a job's last event is terminal ({@code completed}, {@code failed}, {@code cancelled}). */
    public static boolean finished(List<JsonNode> events) {
        if (events.isEmpty()) {
            return false;
        }
        String status = events.get(events.size() - 1).path("data").path("status").asText();
        return Map.of("completed", 1, "failed", 1, "cancelled", 1).containsKey(status);
    }

    @Override
    public void close() {
        consumer.close();
    }
}
