package dev.vidferry.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import dev.vidferry.model.event.CloudEventHeaders;
import dev.vidferry.model.event.EventEnvelope;
import dev.vidferry.model.event.JobProgress;
import dev.vidferry.model.event.Topics;
import dev.vidferry.model.job.JobStage;
import dev.vidferry.model.job.JobStatus;
import dev.vidferry.testsupport.emulator.EmulatorClient.SeededFile;

/**
 * Live progress over SSE from a real worker process: the owner's streams carry the job's events in the order the
 * progress topic has them, up to {@code completed}; another user's stream never carries them; a reconnect with
 * {@code Last-Event-ID} resumes from the database state without a gap. Logs the event-to-SSE latency (the worker's
 * {@code occurredAt} to arrival at the client, same machine).
 */
class LiveEventsIT {

    private static final long MIB = 1024 * 1024;
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final List<Long> LATENCIES = new ArrayList<>();
    private static final ObjectMapper PROBE_JSON = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static Stack stack;

    @BeforeAll
    static void startTheSystem() {
        stack = Stack.withWorkers(1);
    }

    @AfterEach
    void unthrottle() {
        stack.emulator().throttle(0, 0);
    }

    @AfterAll
    static void logLatency() {
        if (LATENCIES.isEmpty()) {
            return;
        }
        List<Long> sorted = LATENCIES.stream().sorted().toList();
        System.out.printf("event-to-SSE latency over %d events from a worker: p50 %d ms, p99 %d ms, max %d ms%n",
                sorted.size(), sorted.get(sorted.size() / 2),
                sorted.get((int) Math.ceil(sorted.size() * 0.99) - 1), sorted.get(sorted.size() - 1));
    }

    @Test
    void theOwnerFollowsAWorkersJobInOrderUpToCompletedAndAnotherUserSeesNoneOfIt() {
        Member ann = Member.connected(stack, "sse");
        Member bob = Member.connected(stack, "sse");
        SeededFile file = stack.emulator().seedFile(ann.user().username(), null, "live.mp4", 16 * MIB);
        stack.emulator().throttle(0, 4 * MIB);

        try (ProgressFeed feed = new ProgressFeed(stack.kafka());
                SseStream annAll = SseStream.open(stack, token(ann), "/events", null);
                SseStream bobAll = SseStream.open(stack, token(bob), "/events", null)) {
            assertThat(annAll.status()).isEqualTo(200);
            assertThat(bobAll.status()).isEqualTo(200);
            awaitRelayListening(ann, annAll);
            awaitRelayListening(bob, bobAll);

            String jobId = create(ann, file, "Live");
            try (SseStream annJob = SseStream.open(stack, token(ann), "/jobs/" + jobId + "/events", null)) {
                assertThat(annJob.status()).isEqualTo(200);
                List<SseStream.Event> perJob = untilEnd(annJob);
                List<JsonNode> onKafka = feed.awaitJob(jobId, ProgressFeed::finished, WAIT);
                List<SseStream.Event> allOfJob = untilTerminal(annAll, jobId);

                List<String> kafkaIds = onKafka.stream().map(e -> e.path("eventId").asText()).toList();
                assertThat(allOfJob).as("the all-jobs stream, opened before the job existed, relays every event")
                        .allSatisfy(e -> assertThat(e.name()).isEqualTo("progress"))
                        .extracting(SseStream.Event::eventId).containsExactlyElementsOf(kafkaIds);
                assertThat(allOfJob).extracting(SseStream.Event::status).contains("pending", "downloading",
                        "uploading", "completed");

                assertThat(perJob.get(0).name()).as("a per-job stream starts with the state").isEqualTo("state");
                List<String> live = perJob.subList(1, perJob.size()).stream().map(SseStream.Event::eventId).toList();
                assertThat(live).as("after its state, the per-job stream is the topic's tail, in order").isNotEmpty();
                assertThat(kafkaIds.subList(kafkaIds.size() - live.size(), kafkaIds.size())).isEqualTo(live);
                assertThat(perJob.get(perJob.size() - 1).status()).isEqualTo("completed");
                assertThat(perJob).extracting(SseStream.Event::id).doesNotContainNull().doesNotHaveDuplicates();
                assertThat(annJob.ended()).as("the per-job stream ends after completed").isTrue();
                record(allOfJob);
            }
            assertThat(bobAll.ended()).as("bob's stream stays open").isFalse();
            assertThat(bobAll.drain()).as("bob's stream carried none of ann's events")
                    .noneMatch(e -> e.json().path("data").path("ownerId").asText().equals(ann.user().sub()));
        }
    }

    @Test
    void aReconnectWithLastEventIdResumesFromTheStateWithoutAGap() {
        Member cat = Member.connected(stack, "sse");
        SeededFile file = stack.emulator().seedFile(cat.user().username(), null, "resume.mp4", 24 * MIB);
        stack.emulator().throttle(0, 4 * MIB);

        try (ProgressFeed feed = new ProgressFeed(stack.kafka())) {
            String jobId = create(cat, file, "Resumed");
            String lastSeenId;
            int lastSeenProgress;
            try (SseStream first = SseStream.open(stack, token(cat), "/jobs/" + jobId + "/events", null)) {
                SseStream.Event event = first.next(WAIT);
                Instant deadline = Instant.now().plus(WAIT);
                while (event != null && !(event.status().equals("uploading")
                        && event.json().path("data").path("progress").asInt() > 0) && Instant.now().isBefore(deadline)) {
                    event = first.next(WAIT);
                }
                assertThat(event).as("an uploading event with progress").isNotNull();
                lastSeenId = event.id();
                lastSeenProgress = event.json().path("data").path("progress").asInt();
            }
            // the client is away while the worker sends three more events (its progress columns are saved meanwhile)
            String lastSeenEventId = lastSeenId.substring(lastSeenId.indexOf('.') + 1);
            feed.awaitJob(jobId, events -> after(events, lastSeenEventId).size() >= 3, WAIT);

            try (SseStream again = SseStream.open(stack, token(cat), "/jobs/" + jobId + "/events", lastSeenId)) {
                List<SseStream.Event> resumed = untilEnd(again);
                SseStream.Event state = resumed.get(0);
                assertThat(state.name()).isEqualTo("state");
                assertThat(state.json().path("data").path("progress").asInt())
                        .as("the state is not older than what the client saw").isGreaterThanOrEqualTo(lastSeenProgress);
                List<JsonNode> onKafka = feed.awaitJob(jobId, ProgressFeed::finished, WAIT);
                // once the state arrived the stream was subscribed: every later event must follow, in topic order
                List<String> afterState = onKafka.stream()
                        .filter(e -> Instant.parse(e.path("occurredAt").asText()).toEpochMilli() > state.receivedMillis())
                        .map(e -> e.path("eventId").asText()).toList();
                assertThat(afterState).as("the job was still running at the reconnect").isNotEmpty();
                assertThat(resumed.subList(1, resumed.size())).extracting(SseStream.Event::eventId)
                        .as("every event after the state, in topic order").containsSubsequence(afterState);
                assertThat(resumed.get(resumed.size() - 1).status()).isEqualTo("completed");
                int last = -1;
                for (SseStream.Event event : resumed) {
                    int progress = event.json().path("data").path("progress").asInt();
                    assertThat(progress).as("progress never goes back: %s", resumed).isGreaterThanOrEqualTo(last);
                    last = progress;
                }
                record(resumed.subList(1, resumed.size()));
            }
        }
    }

    private static List<JsonNode> after(List<JsonNode> events, String eventId) {
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).path("eventId").asText().equals(eventId)) {
                return events.subList(i + 1, events.size());
            }
        }
        return List.of();
    }

    private static String create(Member member, SeededFile file, String title) {
        ApiClient.Answer created = member.api().post("/jobs", Map.of("driveFileId", file.id(),
                "metadata", Map.of("title", title, "privacyStatus", "private")));
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        return created.body().path("id").asText();
    }

    private static String token(Member member) {
        return stack.emulator().oidcAccessToken(member.user().username(), "pw");
    }

    /** Every event until the server ends the stream (a per-job stream ends after a terminal state). */
    private static List<SseStream.Event> untilEnd(SseStream stream) {
        List<SseStream.Event> events = new ArrayList<>();
        Instant deadline = Instant.now().plus(WAIT);
        while (!stream.ended() && Instant.now().isBefore(deadline)) {
            SseStream.Event event = stream.next(Duration.ofSeconds(1));
            if (event != null) {
                events.add(event);
            }
        }
        events.addAll(stream.drain());
        assertThat(stream.ended()).as("stream ended within %s: %s", WAIT, events).isTrue();
        return events;
    }

    /** The events of {@code jobId} on an all-jobs stream up to its terminal one. */
    private static List<SseStream.Event> untilTerminal(SseStream stream, String jobId) {
        List<SseStream.Event> events = new ArrayList<>();
        Instant deadline = Instant.now().plus(WAIT);
        while (Instant.now().isBefore(deadline)) {
            SseStream.Event event = stream.next(Duration.ofSeconds(1));
            if (event != null && event.jobId().equals(jobId)) {
                events.add(event);
                if (List.of("completed", "failed", "cancelled").contains(event.status())) {
                    return events;
                }
            }
        }
        throw new AssertionError("no terminal event of " + jobId + " within " + WAIT + ": " + events);
    }

    private static void record(List<SseStream.Event> events) {
        for (SseStream.Event event : events) {
            Instant occurred = Instant.parse(event.json().path("occurredAt").asText());
            LATENCIES.add(event.receivedMillis() - occurred.toEpochMilli());
        }
    }

    /**
     * The api's consumer joins the topic from the latest offset: publish probe events of the member (a job id
     * nobody has) until the member's own all-jobs stream relays one, then drain the probes.
     */
    private static void awaitRelayListening(Member member, SseStream stream) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()))) {
            Instant deadline = Instant.now().plus(Duration.ofSeconds(40));
            UUID probe = UUID.randomUUID();
            while (Instant.now().isBefore(deadline)) {
                EventEnvelope<JobProgress> envelope = JobProgress.statusChanged(
                        new JobProgress.JobRef(probe, member.user().sub(), 1), JobStatus.PENDING, JobStage.QUEUED,
                        new JobProgress.Bytes(0, 0, 1), "probe", JobProgress.Outcome.NONE, Instant.now()).envelope();
                ProducerRecord<String, String> record = new ProducerRecord<>(Topics.JOB_PROGRESS, probe.toString(),
                        PROBE_JSON.writeValueAsString(envelope));
                CloudEventHeaders.of(envelope, "/vidferry/e2e-probe", null)
                        .forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
                producer.send(record).get();
                SseStream.Event event = stream.next(Duration.ofMillis(500));
                if (event != null && event.jobId().equals(probe.toString())) {
                    ServiceProcess.sleep(300);
                    stream.drain();
                    return;
                }
            }
        } catch (Exception e) {
            throw new AssertionError("probing the api's progress relay failed", e);
        }
        throw new AssertionError("the api never relayed a progress event");
    }
}
