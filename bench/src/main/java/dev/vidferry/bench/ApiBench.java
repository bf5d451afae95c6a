package dev.vidferry.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import com.fasterxml.jackson.databind.JsonNode;

import dev.vidferry.testsupport.emulator.EmulatorClient.SeededFile;

/**
 * P3: {@code wrk} against {@code POST /api/v1/jobs} (real bearer token, a distinct Drive file per request, workers
 * running) beside {@code GET /api/v1/quota} of the same service in the same run; every accepted job must be in the
 * database and on {@code upload-job.requested}. Then bulk requests of 500 items.
 */
final class ApiBench implements Benchmark {

    private static final int THREADS = 2;
    private static final int CONNECTIONS = 16;

    @Override
    public String id() {
        return "P3";
    }

    @Override
    public String name() {
        return "api";
    }

    @Override
    public void run(BenchContext ctx, Report report) throws Exception {
        int seconds = ctx.quick ? 3 : 30;
        int files = ctx.quick ? 1_500 : 30_000;
        BenchContext.User user = ctx.newUser("p3");
        List<String> ids = new ArrayList<>();
        for (int folder = 0; folder * 10_000 < files; folder++) {
            ctx.emulator.seedFolder(user.google().username(), null, "p3-" + folder, Math.min(10_000, files - folder
                    * 10_000), 1024).stream().filter(f -> !f.isFolder()).map(SeededFile::id).forEach(ids::add);
        }
        Path dir = Files.createTempDirectory("vf-bench-wrk");
        Path script = dir.resolve("wrk.lua");
        try (InputStream in = ApiBench.class.getResourceAsStream("wrk.lua")) {
            Files.write(script, in.readAllBytes());
        }
        Path idFile = dir.resolve("ids.txt");
        Files.write(idFile, ids);

        JsonNode noop = wrk(ctx, script, seconds, "/api/v1/quota", user.token(), "", "-");
        String batch = "p3-" + UUID.randomUUID();
        // full runs profile api-service (JFR) while it takes the POSTs: where the time goes when the target is missed
        Profiler profiler = ctx.quick ? null : Profiler.start(ctx.pid("api"), dir);
        JsonNode post = wrk(ctx, script, seconds, "/api/v1/jobs", user.token(), idFile.toString(), batch);
        if (profiler != null) {
            report.note(id(), "api-service during the POST run (JFR): " + profiler.stop(8) + ".");
        }
        double noopRate = rate(noop);
        double postRate = rate(post);
        report.row(id(), "GET /api/v1/quota (comparison endpoint), " + seconds + " s, " + CONNECTIONS + " connections",
                String.format("%.0f req/s, p50 %.1f ms, p99 %.1f ms", noopRate, ms(noop, "p50Micros"),
                        ms(noop, "p99Micros")),
                null, null);
        report.row(id(), "POST /api/v1/jobs, " + seconds + " s, " + CONNECTIONS + " connections, workers running",
                String.format("%.0f req/s, p50 %.1f ms, p99 %.1f ms; %.2fx the comparison endpoint; %d created, %d other"
                        + " answers, %d socket errors", postRate, ms(post, "p50Micros"), ms(post, "p99Micros"),
                        postRate / noopRate, post.path("ok").asLong(), post.path("other").asLong(),
                        post.path("socketErrors").asLong()),
                ">= 1,000 req/s at p99 < 100 ms",
                postRate >= 1000 && ms(post, "p99Micros") < 100);
        if (post.path("ok").asLong() == 0) {
            // on a swamped machine no POST may finish within a quick run's seconds: then one by hand, no deadline to
            // speak of, shows whether the API takes the harness's requests at all
            BenchContext.Created one = ctx.createJob(user, ids.get(ids.size() - 1), batch);
            report.note(id(), "wrk saw no POST finish; one by hand was created (" + one.id() + ").");
        }
        if (post.path("requests").asLong() > ids.size()) {
            report.note(id(), "the " + ids.size() + " seeded files ran out: later POSTs repeated files.");
        }

        try (Connection db = ctx.db()) {
            Set<String> stored = jobIds(db, batch);
            Set<String> onKafka = onKafka(ctx, stored, Duration.ofSeconds(180));
            report.row(id(), "accepted jobs in the database / on upload-job.requested",
                    post.path("ok").asLong() + " accepted, " + stored.size() + " stored, " + onKafka.size() + " on Kafka",
                    "all", stored.size() >= post.path("ok").asLong() && onKafka.size() == stored.size());
            // >=: a request wrk gave up on (timeout) may still have created its job
            report.check(id(), stored.size() >= post.path("ok").asLong(), "accepted " + post.path("ok")
                    + " but stored " + stored.size());
            report.check(id(), onKafka.size() == stored.size(), "only " + onKafka.size() + " of " + stored.size()
                    + " jobs reached Kafka");
        }

        List<Double> bulk = new ArrayList<>();
        int bulkSize = ctx.quick ? 100 : 500;
        for (int round = 0; round < (ctx.quick ? 1 : 3); round++) {
            List<String> items = ctx.emulator.seedFolder(user.google().username(), null, "p3-bulk-" + round, bulkSize,
                    1024)
                    .stream().filter(f -> !f.isFolder()).map(SeededFile::id).toList();
            long start = System.nanoTime();
            int created = ctx.createBulk(user, items, "p3-bulk-" + UUID.randomUUID()).size();
            bulk.add((System.nanoTime() - start) / 1e9);
            report.check(id(), created == bulkSize, "bulk created " + created);
        }
        Stats stats = Stats.of(bulk);
        report.row(id(), "POST /api/v1/jobs/bulk, " + bulkSize + " items", String.format("%s (%.0f jobs/s)",
                stats.summary("s"), bulkSize / stats.p50()), bulkSize == 500 ? "< 2 s" : null,
                bulkSize == 500 ? stats.max() < 2 : null);
    }

    private static double rate(JsonNode wrk) {
        return wrk.path("requests").asDouble() / (wrk.path("durationMicros").asDouble() / 1e6);
    }

    private static double ms(JsonNode wrk, String field) {
        return wrk.path(field).asDouble() / 1000;
    }

    private static JsonNode wrk(BenchContext ctx, Path script, int seconds, String path, String token, String ids,
            String batch) throws IOException, InterruptedException {
        Process wrk = new ProcessBuilder("wrk", "-t" + THREADS, "-c" + CONNECTIONS, "-d" + seconds + "s", "--timeout",
                "10s", "-s", script.toString(), ctx.api + path, "--", token, ids, batch, String.valueOf(THREADS))
                .redirectErrorStream(true).start();
        String output = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!wrk.waitFor(seconds + 60L, TimeUnit.SECONDS) || wrk.exitValue() != 0) {
            throw new IllegalStateException("wrk failed: " + output);
        }
        for (String line : output.split("\n")) {
            if (line.startsWith("WRKJSON ")) {
                return BenchContext.JSON.readTree(line.substring(8));
            }
        }
        throw new IllegalStateException("no summary from wrk: " + output);
    }

    private static Set<String> jobIds(Connection db, String batch) throws Exception {
        Set<String> ids = new HashSet<>();
        try (PreparedStatement select = db.prepareStatement("SELECT id FROM upload_job WHERE batch_id = ?")) {
            select.setString(1, batch);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
        }
        return ids;
    }

    /** The ids of {@code wanted} found as record keys on upload-job.requested (read from the start), within timeout. */
    static Set<String> onKafka(BenchContext ctx, Set<String> wanted, Duration timeout) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, ctx.kafka);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        Set<String> found = new HashSet<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = consumer.partitionsFor("upload-job.requested").stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (found.size() < wanted.size() && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.key() != null && wanted.contains(record.key())) {
                        found.add(record.key());
                    }
                }
            }
        }
        return found;
    }
}
