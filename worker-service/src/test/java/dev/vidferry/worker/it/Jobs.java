package dev.vidferry.worker.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import dev.vidferry.model.event.CloudEventHeaders;
import dev.vidferry.model.event.EventEnvelope;
import dev.vidferry.model.event.EventHeaders;
import dev.vidferry.model.event.EventTypes;
import dev.vidferry.model.event.JobControl;
import dev.vidferry.model.event.JobProgress;
import dev.vidferry.model.event.JobRequested;
import dev.vidferry.model.event.Topics;
import dev.vidferry.model.job.JobStatus;
import dev.vidferry.model.metadata.PrivacyStatus;
import dev.vidferry.model.metadata.VideoMetadata;
import dev.vidferry.platform.crypto.TokenCipher;
import dev.vidferry.platform.crypto.TokenColumns;
import dev.vidferry.testsupport.Conditions;
import dev.vidferry.testsupport.kafka.KafkaResource;
import dev.vidferry.testsupport.postgres.PostgresResource;

/** Test setup as the api-service would leave it: rows in Postgres, job requests on Kafka; and what came out. */
final class Jobs {

    static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final String DATABASE = "vidferry_test_worker";
    private static volatile boolean workerAssigned;

    private Jobs() {
    }

    static VideoMetadata metadata(String title) {
        return new VideoMetadata(title, "Uploaded by a vidferry test", List.of("vidferry", "test run"), "24",
                PrivacyStatus.UNLISTED, true, false, null, null);
    }

    /** A connected Google account of {@code ownerId} holding {@code refreshToken} (no access token yet). */
    static UUID insertAccount(TokenCipher cipher, String ownerId, String refreshToken) {
        UUID id = UUID.randomUUID();
        TokenCipher.Sealed sealed = cipher.encrypt(refreshToken, ownerId);
        update("INSERT INTO google_account (id, owner_id, project_id, key_id, refresh_token_ciphertext) "
                + "VALUES (?, ?, 'vidferry', ?, ?)", id, ownerId, sealed.keyId(), sealed.ciphertext());
        return id;
    }

    /** The job's stored upload session URL, opened (it is sealed at rest); null when there is none. */
    static String sessionUri(TokenCipher cipher, UUID jobId) {
        Map<String, Object> job = job(jobId);
        String stored = (String) job.get("upload_session_uri");
        assertThat(stored).as("sealed at rest").satisfiesAnyOf(s -> assertThat(s).isNull(),
                s -> assertThat(s).startsWith("vfenc1:").doesNotContain("upload"));
        return cipher.openText(stored, TokenColumns.uploadSession((String) job.get("owner_id"), jobId));
    }

    /** A job row in {@code status} for the Drive file. */
    static UUID insertJob(String ownerId, UUID accountId, String fileId, long size, String md5, VideoMetadata metadata,
            String status) {
        UUID id = UUID.randomUUID();
        try {
            update("INSERT INTO upload_job (id, owner_id, google_account_id, drive_file_id, drive_file_name, "
                    + "drive_mime_type, drive_md5, size_bytes, total_bytes, metadata, status) "
                    + "VALUES (?, ?, ?, ?, ?, 'video/mp4', ?, ?, ?, ?::jsonb, ?)", id, ownerId, accountId, fileId,
                    "clip-" + id + ".mp4", md5, size, size, JSON.writeValueAsString(metadata), status);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return id;
    }

    /** The envelope the api's outbox relay would publish for a job row. */
    static EventEnvelope<JobRequested> requested(UUID jobId, String ownerId, String fileId, long size, String md5,
            VideoMetadata metadata) {
        return EventEnvelope.of(EventTypes.JOB_REQUESTED, jobId, Instant.now(), JobRequested.submitted(jobId, ownerId,
                new JobRequested.DriveFile(fileId, "clip.mp4", "video/mp4", size, md5), metadata, 0));
    }

    static void publish(EventEnvelope<JobRequested> envelope) {
        try {
            publishRaw(envelope.jobId().toString(), JSON.writeValueAsString(envelope), envelope.eventId().toString());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A control record as the api's outbox relay publishes it (e.g. {@code cancel}). */
    static void publishControl(UUID jobId, String action) {
        EventEnvelope<JobControl> envelope = EventEnvelope.of(EventTypes.JOB_CANCEL_REQUESTED, jobId, Instant.now(),
                new JobControl(jobId, action));
        try {
            send(Topics.JOB_CONTROL, jobId.toString(), JSON.writeValueAsString(envelope), envelope.eventId().toString(),
                    envelope.eventType());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static void publishRaw(String key, String value, String eventId) {
        awaitWorkerAssigned();
        send(Topics.JOB_REQUESTED, key, value, eventId, EventTypes.JOB_REQUESTED);
    }

    private static void send(String topic, String key, String value, String eventId, String eventType) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaResource.bootstrapServers());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(),
                new StringSerializer())) {
            ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, value);
            record.headers().add(EventHeaders.EVENT_ID, eventId.getBytes(StandardCharsets.UTF_8));
            record.headers().add(EventHeaders.EVENT_TYPE, eventType.getBytes(StandardCharsets.UTF_8));
            record.headers().add(EventHeaders.SCHEMA_VERSION, "1".getBytes(StandardCharsets.UTF_8));
            producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits until the worker's consumer owns partitions (it starts at the latest offsets). */
    static void awaitWorkerAssigned() {
        if (workerAssigned) {
            return;
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                KafkaResource.bootstrapServers()))) {
            await("the worker's consumer to be assigned", Duration.ofSeconds(60), () -> {
                try {
                    ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(WorkerTestProfile.GROUP))
                            .all().get().get(WorkerTestProfile.GROUP);
                    return group.members().stream().mapToInt(m -> m.assignment().topicPartitions().size()).sum() > 0;
                } catch (Exception e) {
                    return false;
                }
            });
        }
        workerAssigned = true;
    }

    /** The job row as a column -> value map. */
    static Map<String, Object> job(UUID id) {
        List<Map<String, Object>> rows = query("SELECT * FROM upload_job WHERE id = ?", id);
        return rows.isEmpty() ? null : rows.get(0);
    }

    /** Waits until the job is completed, failed, cancelled or deferred. */
    static Map<String, Object> awaitFinished(UUID id) {
        await("job " + id + " to finish", Duration.ofSeconds(60), () -> {
            Object status = job(id).get("status");
            return Set.of("completed", "failed", "cancelled", "deferred").contains(status);
        });
        return job(id);
    }

    static List<Map<String, Object>> query(String sql, Object... params) {
        try (Connection connection = PostgresResource.connect(DATABASE);
                PreparedStatement statement = prepare(connection, sql, params);
                ResultSet rows = statement.executeQuery()) {
            List<Map<String, Object>> out = new ArrayList<>();
            ResultSetMetaData meta = rows.getMetaData();
            while (rows.next()) {
                Map<String, Object> row = new HashMap<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    row.put(meta.getColumnName(i), rows.getObject(i));
                }
                out.add(row);
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static void update(String sql, Object... params) {
        try (Connection connection = PostgresResource.connect(DATABASE);
                PreparedStatement statement = prepare(connection, sql, params)) {
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object... params) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < params.length; i++) {
            statement.setObject(i + 1, params[i]);
        }
        return statement;
    }

    /** Where every partition of the progress topic ends now: read a job's events from here. */
    static Map<TopicPartition, Long> progressEnd() {
        try (KafkaConsumer<String, String> consumer = consumer()) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.JOB_PROGRESS).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            return consumer.endOffsets(partitions);
        }
    }

    /** The job's progress events after {@code from}, in order, until one is terminal (or the timeout). */
    static List<JobProgress> progress(UUID jobId, Map<TopicPartition, Long> from) {
        return progress(jobId, from, null);
    }

    /** The job's progress events after {@code from} until one is terminal or has status {@code stopAt}. */
    static List<JobProgress> progress(UUID jobId, Map<TopicPartition, Long> from, JobStatus stopAt) {
        TypeReference<EventEnvelope<JobProgress>> type = new TypeReference<>() {
        };
        List<JobProgress> events = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = consumer()) {
            consumer.assign(from.keySet());
            from.forEach(consumer::seek);
            long deadline = System.currentTimeMillis() + 30_000;
            while (System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (!jobId.toString().equals(record.key())) {
                        continue;
                    }
                    EventEnvelope<JobProgress> envelope = JSON.readValue(record.value(), type);
                    requireCloudEvent(record, envelope);
                    JobProgress event = envelope.data();
                    events.add(event);
                    if (event.status().isFinished() || event.status() == stopAt) {
                        return events;
                    }
                }
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return events;
    }

    /** Outbox records and the worker's direct ticks alike carry the CloudEvents binary-mode headers of the event. */
    static void requireCloudEvent(ConsumerRecord<String, String> record, EventEnvelope<?> envelope) {
        Map<String, String> headers = new HashMap<>();
        record.headers().forEach(h -> headers.put(h.key(), new String(h.value(), StandardCharsets.UTF_8)));
        Map<String, String> expected = CloudEventHeaders.of(envelope, headers.get(CloudEventHeaders.SOURCE), null);
        if (!headers.entrySet().containsAll(expected.entrySet())
                || !String.valueOf(headers.get(CloudEventHeaders.SOURCE)).startsWith("/vidferry/")) {
            throw new AssertionError("record " + record.topic() + "@" + record.offset() + " has headers " + headers
                    + ", expected at least " + expected);
        }
    }

    private static KafkaConsumer<String, String> consumer() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaResource.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "worker-test-progress-" + UUID.randomUUID());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        return new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
    }

    static void await(String what, Duration timeout, BooleanSupplier condition) {
        Conditions.await(what, timeout, condition);
    }
}
