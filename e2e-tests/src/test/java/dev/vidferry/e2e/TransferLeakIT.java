package dev.vidferry.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.vidferry.platform.crypto.CryptoConfig;
import dev.vidferry.platform.crypto.TokenCipher;
import dev.vidferry.platform.crypto.TokenColumns;
import dev.vidferry.testsupport.emulator.EmulatorClient.SeededFile;

/**
 * No secret leaves its sealed column during real transfers: a full job, a cancelled upload and a refused refresh
 * token run through the packaged services; then the services' logs, every Kafka topic, every API answer and a
 * pg_dump are searched for the refresh and access tokens (opened from the database to know them) and for the upload
 * session ids (the secret part of a session URL, which uploads without any token).
 */
class TransferLeakIT {

    private static final long MIB = 1024 * 1024;
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static Stack stack;

    private final List<String> answers = new ArrayList<>();

    @BeforeAll
    static void startTheSystem() {
        stack = Stack.withWorkers(1);
    }

    @AfterEach
    void unthrottle() {
        stack.emulator().throttle(0, 0);
    }

    @Test
    void noTokenNorSessionUrlOfARealTransferAppearsInLogsKafkaAnswersOrTheDatabase() throws Exception {
        Member ann = Member.connected(stack, "leak");
        SeededFile small = stack.emulator().seedFile(ann.user().username(), null, "leak-full.mp4", 3 * MIB);
        String full = create(ann, small, "Leak: full job");
        assertThat(await(ann, full, "completed").path("videoId").asText()).isNotBlank();

        // a cancel while bytes move: its session was opened and must go with the job
        stack.emulator().throttle(0, MIB);
        SeededFile large = stack.emulator().seedFile(ann.user().username(), null, "leak-cancel.mp4", 12 * MIB);
        String cancelled = create(ann, large, "Leak: cancelled");
        keep(ann.api().await("/jobs/" + cancelled, j -> j.path("status").asText().equals("uploading")
                && j.path("bytesTransferred").asLong() > 0, WAIT));
        keep(ann.api().post("/jobs/" + cancelled + "/cancel"));
        await(ann, cancelled, "cancelled");
        stack.emulator().throttle(0, 0);

        // a refresh Google refuses, in the worker: the job is queued while no worker runs, then the grant is
        // revoked and the stored access token runs out; the worker marks the account and fails the job
        Member bob = Member.connected(stack, "leak");
        SeededFile bobs = stack.emulator().seedFile(bob.user().username(), null, "leak-refused.mp4", MIB);
        stack.stopWorkers();
        String refused;
        try {
            refused = create(bob, bobs, "Leak: refused refresh");
            stack.emulator().expireRefreshTokens(bob.user().username());
            try (var db = stack.db();
                    PreparedStatement expire = db.prepareStatement("UPDATE google_account "
                            + "SET access_token_expires_at = now() - interval '1 hour' WHERE owner_id = ?")) {
                expire.setString(1, bob.user().sub());
                assertThat(expire.executeUpdate()).isEqualTo(1);
            }
        } finally {
            stack.useWorkers(1);
        }
        assertThat(await(bob, refused, "failed").path("errorCode").asText()).isEqualTo("GOOGLE_RECONNECT_REQUIRED");
        // and the api's own refused refresh (a new job needs the account): 409, nothing secret in the problem
        ApiClient.Answer again = keep(bob.api().post("/jobs", Map.of("driveFileId", bobs.id(),
                "metadata", Map.of("title", "Leak: again", "privacyStatus", "private"))));
        assertThat(again.status()).as(again.body().toString()).isEqualTo(409);
        keep(bob.api().get("/google/accounts"));
        for (Member member : List.of(ann, bob)) {
            keep(member.api().get("/jobs"));
            keep(member.api().get("/history"));
            keep(member.api().get("/google/account"));
        }

        List<String> secrets = new ArrayList<>(List.of(ann.user().refreshToken(), bob.user().refreshToken()));
        secrets.addAll(storedTokens(ann));
        secrets.addAll(storedTokens(bob));
        List<String> sessions = sessionIds(ann);
        assertThat(sessions).as("upload sessions opened for the full and the cancelled job").hasSizeGreaterThanOrEqualTo(2);
        assertThat(secrets).as("refresh tokens and at least one access token the worker got").hasSizeGreaterThan(2)
                .allMatch(s -> s.length() > 20);
        secrets.addAll(sessions);

        String logs = serviceLogs();
        String kafka = allKafkaRecords();
        String dump = pgDump();
        assertThat(logs).as("the logs saw the transfers").contains(full).contains(cancelled).contains(refused);
        assertThat(kafka).contains(full).contains(cancelled).contains(refused);
        assertThat(dump).contains(full);
        for (String secret : secrets) {
            assertThat(logs).as("service logs").doesNotContain(secret);
            assertThat(kafka).as("Kafka records").doesNotContain(secret);
            assertThat(dump).as("pg_dump").doesNotContain(secret);
            assertThat(answers).as("API answers").noneMatch(a -> a.contains(secret));
        }
    }

    private String create(Member member, SeededFile file, String title) {
        ApiClient.Answer created = keep(member.api().post("/jobs", Map.of("driveFileId", file.id(),
                "metadata", Map.of("title", title, "privacyStatus", "private"))));
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        return created.body().path("id").asText();
    }

    private JsonNode await(Member member, String jobId, String status) {
        JsonNode job = member.api().await("/jobs/" + jobId, j -> Stream.of("completed", "failed", "cancelled")
                .anyMatch(s -> s.equals(j.path("status").asText())), WAIT);
        answers.add(job.toString());
        assertThat(job.path("status").asText()).as(job.toString()).isEqualTo(status);
        return job;
    }

    private ApiClient.Answer keep(ApiClient.Answer answer) {
        answers.add(answer.body().toString());
        return answer;
    }

    private JsonNode keep(JsonNode body) {
        answers.add(body.toString());
        return body;
    }

    /** The member's tokens as vidferry stored them (sealed), opened with the stack's key. */
    private static List<String> storedTokens(Member member) throws Exception {
        TokenCipher cipher = new TokenCipher(new CryptoConfig() {

            @Override
            public String activeKeyId() {
                return "e2e";
            }

            @Override
            public Map<String, String> keys() {
                return Map.of("e2e", Stack.CRYPTO_KEY);
            }
        });
        List<String> tokens = new ArrayList<>();
        try (var db = stack.db();
                PreparedStatement query = db.prepareStatement("SELECT id, key_id, "
                        + "refresh_token_ciphertext, access_token_ciphertext FROM google_account WHERE owner_id = ?")) {
            query.setString(1, member.user().sub());
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    java.util.UUID id = (java.util.UUID) rows.getObject("id");
                    String keyId = rows.getString("key_id");
                    tokens.add(cipher.open(keyId, rows.getBytes("refresh_token_ciphertext"),
                            TokenColumns.refresh(member.user().sub(), id)));
                    byte[] access = rows.getBytes("access_token_ciphertext");
                    if (access != null) {
                        tokens.add(cipher.open(keyId, access, TokenColumns.access(member.user().sub(), id)));
                    }
                }
            }
        }
        return tokens;
    }

    /** Ids of the member's upload sessions at YouTube (the emulator): the secret part of each session URL. */
    private static List<String> sessionIds(Member member) {
        List<String> ids = new ArrayList<>();
        stack.emulator().uploads().forEach(session -> {
            if (member.user().username().equals(session.path("owner").asText())) {
                ids.add(session.path("uploadId").asText());
            }
        });
        return ids;
    }

    private static String serviceLogs() throws Exception {
        Path dir = Path.of(System.getProperty("vidferry.repo.root", "..")).toAbsolutePath().normalize()
                .resolve("e2e-tests/target/e2e-logs");
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".log")).toList()) {
                all.append(Files.readString(file, StandardCharsets.UTF_8)).append('\n');
            }
        }
        return all.toString();
    }

    private static String allKafkaRecords() {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        StringBuilder all = new StringBuilder();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = consumer.listTopics().values().stream().flatMap(List::stream)
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))
                    && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    all.append(r.topic()).append(' ').append(text(r.key())).append(' ').append(text(r.value()));
                    for (Header h : r.headers()) {
                        all.append(' ').append(h.key()).append('=').append(text(h.value()));
                    }
                    all.append('\n');
                }
            }
            assertThat(partitions.stream().allMatch(p -> consumer.position(p) >= end.get(p)))
                    .as("read every topic to its end").isTrue();
        }
        return all.toString();
    }

    private static String text(byte[] bytes) {
        return bytes == null ? "" : new String(bytes, StandardCharsets.UTF_8);
    }

    private static String pgDump() throws Exception {
        String host = System.getenv().getOrDefault("PGHOST", "127.0.0.1");
        String port = System.getenv().getOrDefault("PGPORT", "5432");
        ProcessBuilder builder = new ProcessBuilder("pg_dump", "--data-only", "-h", host.isBlank() ? "127.0.0.1" : host,
                "-p", port.isBlank() ? "5432" : port, "-U", "postgres", Stack.DATABASE).redirectErrorStream(true);
        builder.environment().putIfAbsent("PGPASSWORD", "postgres");
        Process dump = builder.start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        dump.getInputStream().transferTo(out);
        assertThat(dump.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(dump.exitValue()).as(out.toString(StandardCharsets.UTF_8)).isZero();
        return out.toString(StandardCharsets.UTF_8);
    }
}
