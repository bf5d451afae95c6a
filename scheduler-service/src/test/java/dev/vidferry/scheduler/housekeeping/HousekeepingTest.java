package dev.vidferry.scheduler.housekeeping;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.scheduler.Scheduler;
import io.quarkus.scheduler.Trigger;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import dev.vidferry.scheduler.SchedulerTestProfile;
import dev.vidferry.testsupport.postgres.PostgresResource;

@QuarkusTest
@TestProfile(SchedulerTestProfile.class)
class HousekeepingTest {

    private static final Duration WITHIN = Duration.ofSeconds(30);

    @Inject
    HousekeepingService housekeeping;

    @Inject
    Scheduler scheduler;

    @BeforeEach
    void noJobs() {
        Jobs.clear();
    }

    @Test
    void aJobWhoseWorkerVanishedIsRequeuedWhereItStoppedAndDispatchedAgain() throws Exception {
        UUID job = Jobs.insert("uploading", 2, 5, -60, null, 120);

        PassResult pass = pass();

        assertThat(pass.jobs(HousekeepingRule.LEASE_EXPIRED)).isEqualTo(1);
        Map<String, Object> row = Jobs.job(job);
        assertThat(row.get("status")).isEqualTo("pending");
        assertThat(row.get("lease_owner")).isNull();
        assertThat(row.get("lease_expires_at")).isNull();
        assertThat(row.get("attempt")).isEqualTo(2);
        assertThat(row.get("upload_session_uri")).isEqualTo("https://upload.example/session/1");
        assertThat(row.get("upload_confirmed_offset")).isEqualTo(262144L);
        assertThat(Jobs.outbox(job)).containsExactly("upload-job.progress:pending", "upload-job.requested:redispatch");
        assertThat(Jobs.query("SELECT payload->'data'->>'message' AS m FROM job_outbox WHERE aggregate_id = ?"
                + " AND topic = 'upload-job.progress'", job).get(0).get("m")).isEqualTo("worker lost; re-queued");

        List<JsonNode> published = RequestedTopic.await(job, 1);
        assertThat(published).hasSize(1);
        JsonNode data = published.get(0).get("data");
        assertThat(data.get("reason").asText()).isEqualTo("redispatch");
        assertThat(data.get("attempt").asInt()).isEqualTo(2);
        assertThat(data.get("driveFileId").asText()).isEqualTo("drive-" + job);
        assertThat(data.get("metadata").get("title").asText()).isEqualTo("Clip");
        assertThat(given().get("/q/metrics").then().statusCode(200).extract().asString())
                .contains("vidferry_housekeeping_jobs_total{rule=\"lease_expired\"}");
    }

    @Test
    void aLostJobWithNoAttemptsLeftFailsInsteadOfRunningAgain() {
        UUID job = Jobs.insert("downloading", 5, 5, -1, null, 60);

        PassResult pass = pass();

        assertThat(pass.jobs(HousekeepingRule.RETRIES_EXHAUSTED)).isEqualTo(1);
        assertThat(Jobs.job(job)).containsEntry("status", "failed").containsEntry("error_code", "RETRIES_EXHAUSTED")
                .containsEntry("lease_owner", null);
        assertThat(Jobs.outbox(job)).containsExactly("upload-job.progress:failed");
    }

    @Test
    void aLostJobTheUserAskedToCancelEndsCancelledNotRequeued() {
        UUID job = Jobs.insert("uploading", 1, 5, -30, null, 60);
        Jobs.execute("UPDATE upload_job SET cancel_requested_at = now() WHERE id = ?", job);

        assertThat(pass().jobs(HousekeepingRule.CANCEL_ORPHANED)).isEqualTo(1);

        assertThat(Jobs.job(job)).containsEntry("status", "cancelled").containsEntry("lease_owner", null);
        assertThat(Jobs.outbox(job)).containsExactly("upload-job.progress:cancelled");
    }

    @Test
    void aJobTheSweepsEndKeepsNoUploadSessionUrlWhileARequeuedOneKeepsItsSession() {
        UUID exhausted = Jobs.insert("uploading", 5, 5, -1, null, 60);
        UUID cancelled = Jobs.insert("uploading", 1, 5, -30, null, 60);
        Jobs.execute("UPDATE upload_job SET cancel_requested_at = now() WHERE id = ?", cancelled);
        UUID requeued = Jobs.insert("uploading", 1, 5, -60, null, 120);
        for (UUID job : List.of(exhausted, cancelled, requeued)) {
            assertThat(Jobs.job(job).get("upload_session_uri")).as("planted session of %s", job).isNotNull();
        }

        PassResult pass = pass();

        assertThat(pass.jobs(HousekeepingRule.RETRIES_EXHAUSTED)).isEqualTo(1);
        assertThat(pass.jobs(HousekeepingRule.CANCEL_ORPHANED)).isEqualTo(1);
        // an ended job's session could still upload to the channel for days: it is gone with the job's end
        assertThat(Jobs.job(exhausted)).containsEntry("status", "failed").containsEntry("upload_session_uri", null);
        assertThat(Jobs.job(cancelled)).containsEntry("status", "cancelled").containsEntry("upload_session_uri", null);
        // a job handed to the next worker resumes its session
        assertThat(Jobs.job(requeued)).containsEntry("status", "pending")
                .containsEntry("upload_session_uri", "https://upload.example/session/1");
    }

    @Test
    void passesAreScheduledEveryConfiguredInterval() {
        Trigger trigger = scheduler.getScheduledJob("housekeeping");

        assertThat(trigger).isNotNull();
        assertThat(trigger.getNextFireTime()).isBefore(Instant.now().plusSeconds(6));
    }

    @Test
    void jobsThatAreRunningOrWaitingForTheirTimeAreLeftAlone() {
        UUID running = Jobs.insert("uploading", 1, 5, 60, null, 600);
        UUID deferred = Jobs.insert("deferred", 1, 5, null, 3600, 600);
        UUID backingOff = Jobs.insert("pending", 1, 5, null, 30, 600);
        UUID freshlyQueued = Jobs.insert("pending", 0, 5, null, null, 60);

        PassResult pass = pass();

        assertThat(pass.ran()).isTrue();
        assertThat(pass.total()).isZero();
        assertThat(Jobs.job(running)).containsEntry("status", "uploading").containsEntry("lease_owner", "worker-a");
        assertThat(Jobs.job(deferred).get("status")).isEqualTo("deferred");
        assertThat(Jobs.job(backingOff).get("next_attempt_at")).isNotNull();
        for (UUID job : List.of(running, deferred, backingOff, freshlyQueued)) {
            assertThat(Jobs.outbox(job)).isEmpty();
        }
    }

    @Test
    void aDeferredJobResumesWhenItsTimeComes() throws Exception {
        UUID job = Jobs.insert("deferred", 1, 5, null, -1, 3600);

        assertThat(pass().jobs(HousekeepingRule.DEFERRED_DUE)).isEqualTo(1);

        assertThat(Jobs.job(job)).containsEntry("status", "pending").containsEntry("next_attempt_at", null)
                .containsEntry("error_code", null);
        assertThat(Jobs.outbox(job)).containsExactly("upload-job.progress:pending", "upload-job.requested:resume");
        assertThat(RequestedTopic.await(job, 1)).singleElement()
                .satisfies(event -> assertThat(event.get("data").get("reason").asText()).isEqualTo("resume"));
    }

    @Test
    void aJobBackingOffIsDispatchedOnceWhenItsBackOffHasElapsed() {
        UUID job = Jobs.insert("pending", 1, 5, null, -1, 30);

        assertThat(pass().jobs(HousekeepingRule.BACKOFF_ELAPSED)).isEqualTo(1);
        assertThat(pass().total()).isZero();

        assertThat(Jobs.job(job)).containsEntry("status", "pending").containsEntry("next_attempt_at", null);
        assertThat(Jobs.outbox(job)).containsExactly("upload-job.requested:retry");
    }

    @Test
    void aPendingJobNobodyClaimedForTooLongIsDispatchedAgainOncePerPeriod() {
        UUID forgotten = Jobs.insert("pending", 0, 5, null, null, 11 * 60);
        UUID recent = Jobs.insert("pending", 0, 5, null, null, 9 * 60);

        assertThat(pass().jobs(HousekeepingRule.STALE_PENDING)).isEqualTo(1);
        assertThat(pass().total()).isZero();

        assertThat(Jobs.outbox(forgotten)).containsExactly("upload-job.requested:redispatch");
        assertThat(Jobs.outbox(recent)).isEmpty();
    }

    @Test
    void twoPassesAtTheSameTimeDispatchEachLostJobOnce() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            List<UUID> jobs = new ArrayList<>();
            for (int round = 0; round < 3; round++) {
                List<UUID> lost = new ArrayList<>();
                for (int i = 0; i < 10; i++) {
                    lost.add(Jobs.insert("uploading", 1, 5, -5, null, 60));
                }
                jobs.addAll(lost);
                CountDownLatch start = new CountDownLatch(1);
                List<Future<PassResult>> passes = new ArrayList<>();
                for (int t = 0; t < 2; t++) {
                    passes.add(threads.submit(() -> {
                        start.await();
                        return housekeeping.runPass().await().atMost(WITHIN);
                    }));
                }
                start.countDown();
                int moved = 0;
                for (Future<PassResult> pass : passes) {
                    moved += pass.get().jobs(HousekeepingRule.LEASE_EXPIRED);
                }
                assertThat(moved).isEqualTo(10);
            }
            for (UUID job : jobs) {
                assertThat(Jobs.outbox(job)).containsExactly("upload-job.progress:pending",
                        "upload-job.requested:redispatch");
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aPassWhileAnotherHoldsTheLockDoesNothing() throws Exception {
        UUID job = Jobs.insert("uploading", 1, 5, -5, null, 60);
        try (Connection other = PostgresResource.connect(Jobs.DATABASE); Statement statement = other.createStatement()) {
            other.setAutoCommit(false);
            statement.execute("SELECT pg_advisory_xact_lock(" + HousekeepingService.LOCK_KEY + ")");

            PassResult blocked = pass();

            assertThat(blocked.ran()).isFalse();
            assertThat(Jobs.job(job).get("status")).isEqualTo("uploading");
            other.rollback();
        }
        assertThat(pass().jobs(HousekeepingRule.LEASE_EXPIRED)).isEqualTo(1);
    }

    private PassResult pass() {
        return housekeeping.runPass().await().atMost(WITHIN);
    }

}
