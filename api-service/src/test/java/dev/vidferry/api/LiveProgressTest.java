package dev.vidferry.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import dev.vidferry.model.event.CloudEventHeaders;
import dev.vidferry.model.event.EventEnvelope;
import dev.vidferry.model.event.JobProgress;
import dev.vidferry.model.event.Topics;
import dev.vidferry.model.job.JobStage;
import dev.vidferry.model.job.JobStatus;
import dev.vidferry.testsupport.kafka.KafkaResource;

/**
 * SSE relays {@code upload-job.progress} to the owner of each job. The api test stack has no worker, so the test
 * plays one: it publishes the progress records a worker would (with the same headers) and watches the streams.
 */
@QuarkusTest
@TestProfile(ApiTestProfile.class)
class LiveProgressTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static KafkaProducer<String, String> producer;

    @Inject
    ObjectMapper mapper;

    @BeforeAll
    static void producer() {
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaResource.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 0));
    }

    @AfterAll
    static void closeProducer() {
        producer.close();
    }

    @Test
    void theOwnerFollowsARunningJobToCompletedAndNobodyElseSeesIt() {
        Emulator.User ann = Emulator.newUser("sse-ann");
        Emulator.User bob = Emulator.newUser("sse-bob");
        Api.connectGoogle(ann);
        Api.connectGoogle(bob);
        UUID job = UUID.fromString(Api.newJob(ann, "Live"));
        awaitRelayListening(ann);

        try (SseClient annJob = SseClient.open(ann, "/api/v1/jobs/" + job + "/events", null);
                SseClient bobAll = SseClient.open(bob, "/api/v1/events", null)) {
            assertThat(annJob.status).isEqualTo(200);
            assertThat(annJob.contentType).startsWith("text/event-stream");
            SseClient.Event state = annJob.next(WAIT);
            assertThat(state).isNotNull();
            assertThat(state.name()).isEqualTo("state");
            assertThat(state.json().getString("data.status")).isEqualTo("pending");
            assertThat(state.id()).isNotBlank();

            List<EventEnvelope<JobProgress>> sent = new ArrayList<>();
            Map<UUID, Long> sentAt = new HashMap<>();
            int ticks = 60;
            sent.add(publish(status(ann, job, JobStatus.DOWNLOADING, JobStage.DOWNLOADING, 0), sentAt));
            for (int i = 1; i <= ticks; i++) {
                sent.add(publish(tick(ann, job, i * 100 / (ticks + 1)), sentAt));
                SseClient.sleep(10);
            }
            sent.add(publish(status(ann, job, JobStatus.COMPLETED, JobStage.FINISHED, 100), sentAt));

            // the relay's own event of the job's creation (pending) may arrive after the state too: it is real
            Set<String> ours = sent.stream().map(e -> e.eventId().toString()).collect(Collectors.toSet());
            List<SseClient.Event> received = new ArrayList<>();
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (received.size() < sent.size() && System.nanoTime() < deadline) {
                SseClient.Event event = annJob.next(Duration.ofSeconds(1));
                if (event == null) {
                    continue;
                }
                if (ours.contains(event.json().getString("eventId"))) {
                    received.add(event);
                } else {
                    assertThat(event.json().getString("data.status")).as("an event the test did not send")
                            .isEqualTo("pending");
                }
            }
            assertThat(received).extracting(e -> e.json().getString("eventId"))
                    .containsExactlyElementsOf(sent.stream().map(e -> e.eventId().toString()).toList());
            assertThat(received).allSatisfy(e -> assertThat(e.name()).isEqualTo("progress"));
            assertThat(received).extracting(SseClient.Event::id).doesNotHaveDuplicates().doesNotContainNull();
            assertThat(received.get(received.size() - 1).json().getString("data.status")).isEqualTo("completed");
            assertThat(annJob.awaitEnd(WAIT)).as("the per-job stream ends after completed").isTrue();

            List<Long> latencies = received.stream()
                    .map(e -> e.receivedNanos() - sentAt.get(UUID.fromString(e.json().getString("eventId"))))
                    .sorted().toList();
            long p50 = latencies.get(latencies.size() / 2) / 1_000_000;
            long p99 = latencies.get((int) Math.ceil(latencies.size() * 0.99) - 1) / 1_000_000;
            System.out.printf("event-to-SSE latency over %d events: p50 %d ms, p99 %d ms, max %d ms%n",
                    latencies.size(), p50, p99, latencies.get(latencies.size() - 1) / 1_000_000);
            assertThat(p99).as("p99 event-to-SSE latency (ms), loose bound for a loaded CI box").isLessThan(5_000);

            // bob's stream is alive (heartbeats, his own events) and never carried ann's
            EventEnvelope<JobProgress> bobs = publish(status(bob, UUID.randomUUID(), JobStatus.PENDING,
                    JobStage.QUEUED, 0), sentAt);
            SseClient.Event first = bobAll.next(WAIT);
            assertThat(first).isNotNull();
            assertThat(first.json().getString("eventId")).isEqualTo(bobs.eventId().toString());
            assertThat(bobAll.drain()).isEmpty();
            assertThat(bobAll.comments()).contains("heartbeat");
        }
    }

    @Test
    void aReconnectWithLastEventIdStartsWithTheStateFromTheDatabase() {
        Emulator.User cat = Emulator.newUser("sse-cat");
        Api.connectGoogle(cat);
        UUID job = UUID.fromString(Api.newJob(cat, "Resumed"));
        awaitRelayListening(cat);
        String lastId;
        try (SseClient stream = SseClient.open(cat, "/api/v1/jobs/" + job + "/events", null)) {
            assertThat(stream.next(WAIT).json().getString("data.status")).isEqualTo("pending");
            EventEnvelope<JobProgress> tick = publish(tick(cat, job, 30), new HashMap<>());
            SseClient.Event seen = stream.next(WAIT);
            assertThat(seen.json().getString("eventId")).isEqualTo(tick.eventId().toString());
            lastId = seen.id();
        }
        // while the client is away the job finishes: its row changes and its last event goes by unseen
        Db.execute("UPDATE upload_job SET status = 'completed', stage = 'finished', progress = 100,"
                + " bytes_transferred = total_bytes, video_id = 'vidResumed1', updated_at = now() WHERE id = ?::uuid",
                job.toString());
        publish(status(cat, job, JobStatus.COMPLETED, JobStage.FINISHED, 100), new HashMap<>());

        try (SseClient again = SseClient.open(cat, "/api/v1/jobs/" + job + "/events", lastId)) {
            SseClient.Event state = again.next(WAIT);
            assertThat(state.name()).isEqualTo("state");
            assertThat(state.json().getString("data.status")).isEqualTo("completed");
            assertThat(state.json().getString("data.videoId")).isEqualTo("vidResumed1");
            assertThat(again.awaitEnd(WAIT)).as("a finished job's stream sends its state and ends").isTrue();
        }
        try (SseClient all = SseClient.open(cat, "/api/v1/events", lastId)) {
            SseClient.Event state = all.next(WAIT);
            assertThat(state.name()).isEqualTo("state");
            assertThat(state.json().getString("jobId")).isEqualTo(job.toString());
            assertThat(state.json().getString("data.status")).isEqualTo("completed");
        }
    }

    @Test
    void anotherUsersJobStreamIsNotFound() {
        Emulator.User dan = Emulator.newUser("sse-dan");
        Emulator.User eve = Emulator.newUser("sse-eve");
        Api.connectGoogle(dan);
        String job = Api.newJob(dan, "Private");
        given().header("Authorization", eve.bearer()).accept("text/event-stream")
                .get("/api/v1/jobs/" + job + "/events").then().statusCode(404);
        given().accept("text/event-stream").get("/api/v1/events").then().statusCode(401);
    }

    /** The api's consumer joins from the latest offset at start: wait until it relays a probe event of the user. */
    private void awaitRelayListening(Emulator.User user) {
        try (SseClient all = SseClient.open(user, "/api/v1/events", null)) {
            long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
            UUID probeJob = UUID.randomUUID();
            while (System.nanoTime() < deadline) {
                publish(status(user, probeJob, JobStatus.PENDING, JobStage.QUEUED, 0), new HashMap<>());
                if (all.next(Duration.ofMillis(500)) != null) {
                    return;
                }
            }
            throw new AssertionError("the api never relayed a progress event");
        }
    }

    private static JobProgress status(Emulator.User owner, UUID job, JobStatus status, JobStage stage, int progress) {
        return JobProgress.statusChanged(new JobProgress.JobRef(job, owner.sub(), 1), status, stage,
                new JobProgress.Bytes(progress, progress * 10_000L, 1_000_000), status.name(),
                status == JobStatus.COMPLETED
                        ? new JobProgress.Outcome("vid" + progress, null, null)
                        : JobProgress.Outcome.NONE,
                Instant.now());
    }

    private static JobProgress tick(Emulator.User owner, UUID job, int progress) {
        return JobProgress.tick(new JobProgress.JobRef(job, owner.sub(), 1), JobStatus.UPLOADING, JobStage.UPLOADING,
                new JobProgress.Bytes(progress, progress * 10_000L, 1_000_000), 2_000_000, "Uploading", Instant.now());
    }

    /** Publishes like a worker: key = job id, CloudEvents headers; records when it was sent. */
    private EventEnvelope<JobProgress> publish(JobProgress progress, Map<UUID, Long> sentAt) {
        EventEnvelope<JobProgress> envelope = progress.envelope();
        try {
            ProducerRecord<String, String> record = new ProducerRecord<>(Topics.JOB_PROGRESS,
                    envelope.jobId().toString(), mapper.writeValueAsString(envelope));
            CloudEventHeaders.of(envelope, "/vidferry/api-test", null)
                    .forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
            sentAt.put(envelope.eventId(), System.nanoTime());
            producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return envelope;
    }
}
