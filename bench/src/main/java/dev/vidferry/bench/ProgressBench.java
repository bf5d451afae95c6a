package dev.vidferry.bench;

import static dev.vidferry.bench.BenchContext.MIB;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import com.fasterxml.jackson.databind.JsonNode;

import dev.vidferry.bench.BenchContext.Created;
import dev.vidferry.testsupport.emulator.EmulatorClient.SeededFile;

/**
 * P6: a worker emits a progress event ({@code occurredAt}) -> a Kafka consumer of {@code upload-job.progress} and an SSE
 * client of {@code GET /api/v1/events} receive it. Throttled transfers keep the events coming.
 */
final class ProgressBench implements Benchmark {

    /** One received event: who received it and the delay from its occurredAt. */
    record Received(String eventId, String status, double millis) {
    }

    @Override
    public String id() {
        return "P6";
    }

    @Override
    public String name() {
        return "progress";
    }

    @Override
    public void run(BenchContext ctx, Report report) throws Exception {
        BenchContext.User user = ctx.newUser("p6");
        int jobs = ctx.quick ? 1 : 4;
        long size = ctx.quick ? 32 * MIB : 96 * MIB;
        Set<String> ours = ConcurrentHashMap.newKeySet();
        List<Received> kafka = new CopyOnWriteArrayList<>();
        List<Received> sse = new CopyOnWriteArrayList<>();
        AtomicBoolean stop = new AtomicBoolean();
        java.util.concurrent.CountDownLatch assigned = new java.util.concurrent.CountDownLatch(1);
        Thread consumer = new Thread(() -> consume(ctx, ours, kafka, stop, assigned), "p6-kafka");
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        CompletableFuture<HttpResponse<Stream<String>>> stream = http.sendAsync(HttpRequest.newBuilder(URI.create(
                ctx.api + "/api/v1/events")).header("Authorization", "Bearer " + user.token())
                .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofLines());
        Thread reader = new Thread(() -> readSse(stream, ours, sse), "p6-sse");
        consumer.setDaemon(true);
        reader.setDaemon(true);
        consumer.start();
        reader.start();
        try (Connection db = ctx.db()) {
            ctx.throttle(8 * MIB);
            // both listeners are in place before the first event: the consumer at the end of its partitions, the
            // stream answered (on a loaded machine either can take seconds)
            if (!assigned.await(120, java.util.concurrent.TimeUnit.SECONDS)) {
                throw new IllegalStateException("the Kafka consumer got no partitions within 120 s");
            }
            stream.get(120, java.util.concurrent.TimeUnit.SECONDS);
            BenchContext.sleep(500);
            String batch = "p6-" + UUID.randomUUID();
            List<String> files = ctx.emulator.seedFolder(user.google().username(), null, batch, jobs, size).stream()
                    .filter(f -> !f.isFolder()).map(SeededFile::id).toList();
            for (String file : files) {
                Created job = ctx.createJob(user, file, batch);
                ours.add(job.id().toString());
            }
            ctx.awaitBatch(db, batch, jobs, Duration.ofMinutes(5));
            BenchContext.sleep(2000); // late events
        } finally {
            ctx.throttle(0);
            stop.set(true);
            stream.thenAccept(r -> r.body().close());
            stream.cancel(true);
            consumer.join(10_000);
        }
        summarize(report, "Kafka consumer", kafka);
        summarize(report, "SSE client (GET /api/v1/events)", sse);
    }

    private void summarize(Report report, String who, List<Received> events) {
        List<Double> all = events.stream().filter(e -> !e.status().equals("pending")).map(Received::millis).toList();
        List<Double> bytes = events.stream().filter(e -> e.status().equals("downloading") || e.status().equals(
                "uploading")).map(Received::millis).toList();
        Stats stats = Stats.of(all);
        report.row(id(), "worker emits -> " + who + " receives (all worker events)", stats.summary("ms"),
                "p99 < 250 ms", stats.count() == 0 ? null : stats.p99() < 250);
        report.info(id(), "... of which byte progress (sent by the worker directly)", Stats.of(bytes).summary("ms"));
        // sanity, not a rate: the path works when at least one event of the worker arrived
        report.check(id(), stats.count() >= 1, who + " received no event of the worker");
    }

    private static void consume(BenchContext ctx, Set<String> ours, List<Received> out, AtomicBoolean stop,
            java.util.concurrent.CountDownLatch assigned) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, ctx.kafka);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = consumer.partitionsFor("upload-job.progress").stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            assigned.countDown();
            while (!stop.get()) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                    Instant now = Instant.now();
                    if (record.key() != null && ours.contains(record.key())) {
                        received(record.value(), now, out);
                    }
                }
            }
        }
    }

    private static void readSse(CompletableFuture<HttpResponse<Stream<String>>> stream, Set<String> ours,
            List<Received> out) {
        try {
            stream.join().body().forEach(line -> {
                if (line.startsWith("data:")) {
                    Instant now = Instant.now();
                    String data = line.substring(5).trim();
                    if (ours.stream().anyMatch(data::contains)) {
                        received(data, now, out);
                    }
                }
            });
        } catch (RuntimeException e) {
            // the stream was closed at the end
        }
    }

    private static void received(String json, Instant now, List<Received> out) {
        try {
            JsonNode event = BenchContext.JSON.readTree(json);
            Instant occurred = Instant.parse(event.path("occurredAt").asText());
            out.add(new Received(event.path("eventId").asText(), event.path("data").path("status").asText()
                    .toLowerCase(), Duration.between(occurred, now).toNanos() / 1e6));
        } catch (Exception e) {
            // not an event envelope
        }
    }
}
