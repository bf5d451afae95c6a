package dev.vidferry.api.webhook;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;

import dev.vidferry.api.ApiTestProfile;
import dev.vidferry.api.Emulator;
import dev.vidferry.model.event.CloudEventHeaders;
import dev.vidferry.model.event.JobProgress;
import dev.vidferry.model.event.Topics;
import dev.vidferry.model.job.JobStage;
import dev.vidferry.model.job.JobStatus;
import dev.vidferry.testsupport.Conditions;
import dev.vidferry.testsupport.kafka.KafkaResource;

@QuarkusTest
@TestProfile(ApiTestProfile.class)
class WebhookDeliveryTest {

    /** What the receiver got. */
    record Received(String path, MultiMap headers, String body) {
    }

    @Inject
    Vertx vertx;

    @Inject
    ObjectMapper mapper;

    HttpServer receiver;
    final List<Received> received = new CopyOnWriteArrayList<>();
    final AtomicInteger flakyCalls = new AtomicInteger();
    final Map<String, Map<String, String>> sentHeaders = new java.util.concurrent.ConcurrentHashMap<>();

    @BeforeEach
    void startReceiver() throws Exception {
        receiver = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
            received.add(new Received(request.path(), MultiMap.caseInsensitiveMultiMap().addAll(request.headers()),
                    body.toString()));
            int status = switch (request.path()) {
                case "/flaky" -> flakyCalls.incrementAndGet() == 1 ? 503 : 204;
                case "/broken" -> 500;
                default -> 200;
            };
            request.response().setStatusCode(status).end();
        })).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stopReceiver() throws Exception {
        receiver.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void aCompletedJobReachesTheReceiverSignedAfterOneRetry() throws Exception {
        Emulator.User user = Emulator.newUser("hooks");
        JsonPath hook = given().header("Authorization", user.bearer()).contentType(ContentType.JSON)
                .body(Map.of("url", url("/flaky"), "events", List.of("completed", "failed")))
                .post("/api/v1/webhooks").then().statusCode(201).header("Location", startsWith("http"))
                .body("status", equalTo("active")).body("secret", startsWith("whsec_")).extract().jsonPath();
        String id = hook.getString("id");
        String secret = hook.getString("secret");
        given().header("Authorization", user.bearer()).get("/api/v1/webhooks/" + id).then().statusCode(200)
                .body("secret", nullValue()).body("events", equalTo(List.of("completed", "failed")));

        UUID job = UUID.randomUUID();
        publish(user.sub(), job, JobStatus.UPLOADING);
        String eventId = publish(user.sub(), job, JobStatus.COMPLETED);

        Conditions.await("two attempts at /flaky", Duration.ofSeconds(20),
                () -> received.stream().filter(r -> r.path().equals("/flaky")).count() >= 2);
        List<Received> attempts = received.stream().filter(r -> r.path().equals("/flaky")).toList();
        assertThat(attempts).hasSize(2);
        Received delivered = attempts.get(1);
        assertThat(delivered.headers().get("content-type")).startsWith("application/cloudevents+json");
        assertThat(delivered.headers().get("webhook-id")).isEqualTo(attempts.get(0).headers().get("webhook-id"));
        long timestamp = Long.parseLong(delivered.headers().get("webhook-timestamp"));
        assertThat(timestamp).isBetween(Instant.now().minusSeconds(60).getEpochSecond(),
                Instant.now().plusSeconds(5).getEpochSecond());
        assertThat(WebhookSignature.verify(secret, timestamp, delivered.body(),
                delivered.headers().get("webhook-signature"))).as("signature verifies with the secret").isTrue();
        assertThat(WebhookSignature.verify(secret, timestamp, delivered.body() + " ",
                delivered.headers().get("webhook-signature"))).as("a changed body does not verify").isFalse();
        assertThat(WebhookSignature.verify(WebhookSignature.newSecret(), timestamp, delivered.body(),
                delivered.headers().get("webhook-signature"))).as("another secret does not verify").isFalse();

        JsonNode event = mapper.readTree(delivered.body());
        assertThat(event.path("specversion").asText()).isEqualTo("1.0");
        assertThat(event.path("id").asText()).isEqualTo(eventId);
        // the same vocabulary as the Kafka record's binary-mode headers
        assertThat(event.path("type").asText()).isEqualTo("dev.vidferry.job.progress.v1");
        assertThat(event.path("subject").asText()).isEqualTo(job.toString());
        assertThat(event.path("source").asText()).isEqualTo("/vidferry/worker");
        assertThat(event.path("time").asText()).isEqualTo(headerOf(eventId, CloudEventHeaders.TIME));
        assertThat(event.path("datacontenttype").asText()).isEqualTo("application/json");
        assertThat(event.path("time").asText()).isNotEmpty();
        assertThat(event.path("data").path("status").asText()).isEqualTo("completed");
        assertThat(event.path("data").path("ownerId").asText()).isEqualTo(user.sub());

        JsonPath deliveries = awaitDeliveries(user, id, "delivered");
        assertThat(deliveries.getList("items")).hasSize(1);
        assertThat(deliveries.getInt("items[0].attempts")).isEqualTo(2);
        assertThat(deliveries.getInt("items[0].lastStatusCode")).isEqualTo(204);
        assertThat(deliveries.getString("items[0].eventId")).isEqualTo(eventId);
        assertThat(deliveries.getString("items[0].eventType")).isEqualTo("dev.vidferry.job.progress.v1");

        given().header("Authorization", user.bearer()).delete("/api/v1/webhooks/" + id).then().statusCode(204);
        given().header("Authorization", user.bearer()).get("/api/v1/webhooks/" + id).then().statusCode(404);
    }

    @Test
    void aHookWhoseDeliveriesKeepFailingIsDisabled() throws Exception {
        Emulator.User user = Emulator.newUser("broken");
        String id = given().header("Authorization", user.bearer()).contentType(ContentType.JSON)
                .body(Map.of("url", url("/broken"), "events", List.of("failed"))).post("/api/v1/webhooks").then()
                .statusCode(201).extract().path("id");
        publish(user.sub(), UUID.randomUUID(), JobStatus.FAILED);
        publish(user.sub(), UUID.randomUUID(), JobStatus.FAILED);

        Conditions.await("the hook disabled", Duration.ofSeconds(30), () -> "disabled".equals(given()
                .header("Authorization", user.bearer()).get("/api/v1/webhooks/" + id).then().statusCode(200)
                .extract().path("status")));
        JsonPath deliveries = given().header("Authorization", user.bearer())
                .get("/api/v1/webhooks/" + id + "/deliveries").then().statusCode(200).extract().jsonPath();
        assertThat(deliveries.getList("items.status")).containsExactly("failed", "failed");
        assertThat(deliveries.getList("items.attempts", Integer.class)).containsOnly(3);
        assertThat(deliveries.getList("items.lastStatusCode", Integer.class)).containsOnly(500);
        assertThat(received.stream().filter(r -> r.path().equals("/broken"))).hasSize(6);
    }

    @Test
    void privateNetworkTargetsAndPlainHttpAreRefusedNamingUrl() {
        Emulator.User user = Emulator.newUser("ssrf");
        for (String url : List.of("http://10.0.0.1/hook", "https://10.0.0.1/hook", "https://192.168.1.20/",
                "https://172.16.0.1/", "https://169.254.169.254/latest/meta-data", "https://[fc00::1]/",
                "https://[::ffff:10.0.0.1]/", "http://example.com/hook", "ftp://example.com/", "https://user@example.com/",
                "not a url")) {
            given().header("Authorization", user.bearer()).contentType(ContentType.JSON)
                    .body(Map.of("url", url, "events", List.of("completed"))).post("/api/v1/webhooks").then()
                    .statusCode(422).contentType("application/problem+json").body("errors[0].field", equalTo("url"));
        }
        given().header("Authorization", user.bearer()).contentType(ContentType.JSON)
                .body(Map.of("url", url("/ok"), "events", List.of("completed", "uploading"))).post("/api/v1/webhooks")
                .then().statusCode(422).body("errors[0].field", equalTo("events[1]"));
        given().header("Authorization", user.bearer()).get("/api/v1/webhooks").then().statusCode(200)
                .body("items", equalTo(List.of()));
    }

    private String url(String path) {
        return "http://127.0.0.1:" + receiver.actualPort() + path;
    }

    /** Publishes a status change of {@code job} on the progress topic, as a worker's outbox relay would. */
    private String publish(String owner, UUID job, JobStatus status) throws Exception {
        var envelope = JobProgress.statusChanged(new JobProgress.JobRef(job, owner, 1), status,
                status.isFinished() ? JobStage.FINISHED : JobStage.UPLOADING, JobProgress.Bytes.none(1 << 20),
                "test " + status.wireName(), JobProgress.Outcome.NONE, Instant.now()).envelope();
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaResource.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            ProducerRecord<String, String> record = new ProducerRecord<>(Topics.JOB_PROGRESS, job.toString(),
                    mapper.writeValueAsString(envelope));
            Map<String, String> headers = CloudEventHeaders.of(envelope, "/vidferry/worker", null);
            headers.forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
            sentHeaders.put(envelope.eventId().toString(), headers);
            producer.send(record).get(10, TimeUnit.SECONDS);
        }
        return envelope.eventId().toString();
    }

    private String headerOf(String eventId, String header) {
        return sentHeaders.get(eventId).get(header);
    }

    private static JsonPath awaitDeliveries(Emulator.User user, String id, String status) {
        JsonPath[] last = new JsonPath[1];
        Conditions.await("a delivery " + status, Duration.ofSeconds(20), () -> {
            last[0] = given().header("Authorization", user.bearer()).get("/api/v1/webhooks/" + id + "/deliveries")
                    .then().statusCode(200).extract().jsonPath();
            return last[0].getList("items.status").contains(status);
        });
        return last[0];
    }
}
