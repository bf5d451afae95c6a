package dev.vidferry.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

import dev.vidferry.platform.crypto.TokenCipher;
import dev.vidferry.platform.crypto.TokenColumns;
import dev.vidferry.testsupport.kafka.KafkaResource;
import dev.vidferry.testsupport.postgres.PostgresResource;

/**
 * Plants recognisable tokens (both connection paths, a refused refresh token), runs jobs through create, list and
 * cancel, then scans every API answer, the logs, every Kafka topic and a pg_dump for them.
 */
@QuarkusTest
@TestProfile(ApiTestProfile.class)
class SecretLeakTest {

    @Inject
    TokenCipher cipher;

    private final List<String> answers = new ArrayList<>();

    private Response keep(Response response) {
        answers.add(response.getHeaders().toString() + "\n" + response.asString());
        return response;
    }

    @Test
    void noTokenAppearsInAnswersLogsKafkaOrTheDatabase() throws Exception {
        ConcurrentLinkedQueue<String> logs = new ConcurrentLinkedQueue<>();
        Handler capture = new Handler() {

            @Override
            public void publish(LogRecord record) {
                String message = record.getMessage();
                if (record.getParameters() != null) {
                    message += " " + java.util.Arrays.toString(record.getParameters());
                }
                logs.add(message + (record.getThrown() == null ? "" : " " + record.getThrown()));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger root = Logger.getLogger("");
        root.addHandler(capture);
        List<String> secrets = new ArrayList<>();
        try {
            Emulator.User lea = Emulator.newUser("lea");
            secrets.add(lea.refreshToken());
            secrets.add(lea.accessToken());
            String bearer = lea.bearer();
            // a refused refresh token (the failing refresh), a recognisable one
            String planted = "1//planted-refresh-" + UUID.randomUUID();
            secrets.add(planted);
            keep(given().header("Authorization", bearer).contentType(ContentType.JSON)
                    .body(Map.of("refreshToken", planted)).put("/api/v1/google/account"));
            Api.connectGoogle(lea);
            URI back = Emulator.client().consent(ConsentFlowTest.connect(lea), lea.username());
            keep(given().urlEncodingEnabled(false).get("/api/v1/google/callback?" + back.getRawQuery()));

            String file = Emulator.file(lea, "leak.mp4", "video/mp4", 1 << 20);
            String job = keep(given().header("Authorization", bearer).contentType(ContentType.JSON)
                    .body(Api.jobBody(file, "Leak check")).post("/api/v1/jobs")).path("id");
            keep(given().header("Authorization", bearer).get("/api/v1/jobs/" + job));
            keep(given().header("Authorization", bearer).get("/api/v1/jobs"));
            keep(given().header("Authorization", bearer).post("/api/v1/jobs/" + job + "/cancel"));
            keep(given().header("Authorization", bearer).get("/api/v1/google/accounts"));
            keep(given().header("Authorization", bearer).get("/api/v1/google/account"));
            keep(given().header("Authorization", bearer).get("/api/v1/history"));

            for (UUID account : accounts(lea)) {
                Map<String, Object> row = Db.row("SELECT key_id, refresh_token_ciphertext, access_token_ciphertext "
                        + "FROM google_account WHERE id = ?", account);
                String keyId = (String) row.get("key_id");
                secrets.add(cipher.open(keyId, (byte[]) row.get("refresh_token_ciphertext"),
                        TokenColumns.refresh(lea.sub(), account)));
                if (row.get("access_token_ciphertext") != null) {
                    secrets.add(cipher.open(keyId, (byte[]) row.get("access_token_ciphertext"),
                            TokenColumns.access(lea.sub(), account)));
                }
            }
            assertThat(secrets).hasSizeGreaterThanOrEqualTo(5).allMatch(s -> s.length() > 20);
        } finally {
            root.removeHandler(capture);
        }

        String kafka = allKafkaRecords();
        String dump = pgDump();
        assertThat(dump).contains("google_account");
        assertThat(answers).isNotEmpty();
        assertThat(logs).as("the capture sees our logs").anyMatch(l -> l.contains("Google account"));
        assertThat(kafka).contains("upload-job.");
        for (String secret : secrets) {
            assertThat(answers).noneMatch(a -> a.contains(secret));
            assertThat(logs).noneMatch(l -> l.contains(secret));
            assertThat(kafka).doesNotContain(secret);
            assertThat(dump).doesNotContain(secret);
        }
    }

    private static List<UUID> accounts(Emulator.User user) {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Map<String, Object> row = Db.row("SELECT id FROM google_account WHERE owner_id = ? ORDER BY id OFFSET "
                    + i, user.sub());
            if (row.isEmpty()) {
                break;
            }
            ids.add((UUID) row.get("id"));
        }
        assertThat(ids).hasSize(2);
        return ids;
    }

    private static String allKafkaRecords() {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaResource.bootstrapServers(),
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
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
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

    private static String pgDump() throws SQLException, IOException, InterruptedException {
        URI url;
        String user;
        try (Connection c = PostgresResource.connect(ApiTestProfile.DATABASE)) {
            url = URI.create(c.getMetaData().getURL().substring("jdbc:".length()));
            user = c.getMetaData().getUserName();
        }
        Process dump = new ProcessBuilder("pg_dump", "--data-only", "-h", url.getHost(), "-p",
                String.valueOf(url.getPort()), "-U", user, ApiTestProfile.DATABASE).redirectErrorStream(true).start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        dump.getInputStream().transferTo(out);
        assertThat(dump.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(dump.exitValue()).as(out.toString(StandardCharsets.UTF_8)).isZero();
        return out.toString(StandardCharsets.UTF_8);
    }
}
