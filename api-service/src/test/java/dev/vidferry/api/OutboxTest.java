package dev.vidferry.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

import dev.vidferry.model.event.EventHeaders;
import dev.vidferry.model.event.Topics;
import dev.vidferry.platform.outbox.OutboxRelay;

@QuarkusTest
@TestProfile(ApiTestProfile.class)
class OutboxTest {

    @Inject
    OutboxRelay relay;

    @Test
    void theRelayPublishesTheJobKeyedByItsIdWithEventHeaders() {
        Emulator.User user = Emulator.newUser("pia");
        Api.connectGoogle(user);
        String job = Api.newJob(user, "Published");

        List<ConsumerRecord<String, String>> requested = KafkaEvents.await(Topics.JOB_REQUESTED, job, 1,
                Duration.ofSeconds(20));
        assertThat(requested).hasSize(1);
        ConsumerRecord<String, String> record = requested.get(0);
        JsonPath value = new JsonPath(record.value());
        assertThat(value.getString("eventType")).isEqualTo("upload-job.requested");
        assertThat(value.getString("jobId")).isEqualTo(job);
        assertThat(value.getString("data.ownerId")).isEqualTo(user.sub());
        assertThat(value.getString("data.fileName")).isEqualTo("Published.mp4");
        assertThat(value.getString("data.metadata.title")).isEqualTo("Published");
        assertThat(record.value()).doesNotContain(user.refreshToken()).doesNotContainIgnoringCase("token");
        assertThat(KafkaEvents.header(record, EventHeaders.EVENT_ID)).isEqualTo(value.getString("eventId"));
        assertThat(KafkaEvents.header(record, EventHeaders.EVENT_TYPE)).isEqualTo("upload-job.requested");
        assertThat(KafkaEvents.header(record, EventHeaders.SCHEMA_VERSION)).isEqualTo("1");

        List<ConsumerRecord<String, String>> progress = KafkaEvents.await(Topics.JOB_PROGRESS, job, 1,
                Duration.ofSeconds(10));
        assertThat(new JsonPath(progress.get(0).value()).getString("data.status")).isEqualTo("pending");
        assertThat(Db.count("SELECT count(*) FROM job_outbox WHERE aggregate_id = ?::uuid AND published_at IS NULL",
                job)).isZero();
    }

    @Test
    void eventsCommittedWhileTheRelayIsDownArePublishedWhenItComesBack() throws InterruptedException {
        Emulator.User user = Emulator.newUser("quinn");
        Api.connectGoogle(user);
        relay.stop();
        String job;
        try {
            job = Api.newJob(user, "Crash window");
            // the job and its events committed in one transaction...
            assertThat(Db.count("SELECT count(DISTINCT x) FROM (SELECT xmin::text AS x FROM upload_job"
                    + " WHERE id = ?::uuid UNION ALL SELECT xmin::text FROM job_outbox WHERE aggregate_id = ?::uuid) t",
                    job, job)).isEqualTo(1);
            Thread.sleep(1500);
            // ...and nothing published them (the process "died" before publishing)
            assertThat(Db.count("SELECT count(*) FROM job_outbox WHERE aggregate_id = ?::uuid AND published_at IS NULL",
                    job)).isEqualTo(2);
        } finally {
            relay.start();
        }
        List<ConsumerRecord<String, String>> requested = KafkaEvents.await(Topics.JOB_REQUESTED, job, 1,
                Duration.ofSeconds(20));
        assertThat(requested).extracting(ConsumerRecord::key).containsExactly(job);
        assertThat(Db.count("SELECT count(*) FROM job_outbox WHERE aggregate_id = ?::uuid AND published_at IS NULL",
                job)).isZero();
    }

    @Test
    void aFailingOutboxInsertRollsBackTheJob() {
        Emulator.User user = Emulator.newUser("rex");
        Api.connectGoogle(user);
        String file = Emulator.file(user, "doomed.mp4", "video/mp4", 1 << 20);
        Db.execute("CREATE OR REPLACE FUNCTION test_reject_outbox() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                + " IF NEW.payload->'data'->'metadata'->>'title' = 'explode-outbox' THEN"
                + " RAISE EXCEPTION 'outbox insert refused by test'; END IF; RETURN NEW; END; $$");
        Db.execute("CREATE TRIGGER test_reject_outbox BEFORE INSERT ON job_outbox FOR EACH ROW"
                + " EXECUTE FUNCTION test_reject_outbox()");
        try {
            Api.createJob(user, Api.jobBody(file, "explode-outbox")).statusCode(500)
                    .contentType("application/problem+json").body("status", equalTo(500));
        } finally {
            Db.execute("DROP TRIGGER test_reject_outbox ON job_outbox");
            Db.execute("DROP FUNCTION test_reject_outbox()");
        }
        assertThat(Db.count("SELECT count(*) FROM upload_job WHERE owner_id = ?", user.sub())).isZero();
        // the same request goes through once the outbox accepts rows again
        Api.createJob(user, Map.of("driveFileId", file, "metadata", Api.metadata("explode-outbox"))).statusCode(201);
        assertThat(Db.count("SELECT count(*) FROM upload_job WHERE owner_id = ?", user.sub())).isEqualTo(1);
    }

    @Test
    void anEventKafkaRefusesStaysInTheOutboxWithoutHoldingUpOtherJobs() throws InterruptedException {
        String stuckJob = UUID.randomUUID().toString();
        Db.execute("INSERT INTO job_outbox (event_id, aggregate_id, topic, event_type, payload) VALUES"
                + " (gen_random_uuid(), ?::uuid, 'vidferry-test.no-such-topic', 'upload-job.progress',"
                + " '{\"schemaVersion\": 1}'::jsonb)", stuckJob);
        try {
            Emulator.User user = Emulator.newUser("sam");
            Api.connectGoogle(user);
            String job = Api.newJob(user, "Next in line");
            assertThat(KafkaEvents.await(Topics.JOB_REQUESTED, job, 1, Duration.ofSeconds(30))).hasSize(1);
            long deadline = System.currentTimeMillis() + 15_000;
            while (Db.count("SELECT count(*) FROM job_outbox WHERE aggregate_id = ?::uuid AND attempts > 0"
                    + " AND last_error IS NOT NULL", stuckJob) == 0 && System.currentTimeMillis() < deadline) {
                Thread.sleep(200);
            }
            assertThat(Db.count("SELECT count(*) FROM job_outbox WHERE aggregate_id = ?::uuid AND attempts > 0"
                    + " AND last_error IS NOT NULL AND published_at IS NULL", stuckJob)).isEqualTo(1);
        } finally {
            Db.execute("DELETE FROM job_outbox WHERE aggregate_id = ?::uuid", stuckJob);
        }
    }
}
