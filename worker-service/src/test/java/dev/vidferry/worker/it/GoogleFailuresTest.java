package dev.vidferry.worker.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import dev.vidferry.model.event.JobProgress;
import dev.vidferry.model.job.ErrorCode;
import dev.vidferry.model.job.JobStatus;
import dev.vidferry.model.quota.PacificDay;
import dev.vidferry.platform.crypto.TokenCipher;
import dev.vidferry.worker.it.UploadJobTest.Owner;

/** Quota, channel caps and transient Google failures, as the facts table classifies them. */
@QuarkusTest
@TestProfile(WorkerTestProfile.class)
class GoogleFailuresTest {

    private static final long SIZE = 1024 * 1024 + 777;
    private static final String PROJECT = "default";

    @Inject
    TokenCipher cipher;

    @AfterEach
    void restore() {
        Jobs.update("DELETE FROM quota_ledger");
        Jobs.update("DELETE FROM channel_upload_day");
        Emulator.client().setQuotaLimits(Map.of("videos.insert", 100L));
        Emulator.client().setUploadsPerChannelPerDay(1000);
        Emulator.client().clearFaults();
    }

    @Test
    void whenTheSharedLedgerIsAtItsLimitTheJobIsDeferredToPacificMidnightWithoutUploading() {
        Jobs.update("INSERT INTO quota_ledger (project_id, bucket, pacific_date, used, quota_limit) "
                + "VALUES (?, 'videos.insert', ?, 100, 100) ON CONFLICT (project_id, bucket, pacific_date) "
                + "DO UPDATE SET used = 100, quota_limit = 100", PROJECT, PacificDay.dateOf(Instant.now()));
        Owner owner = Owner.create(cipher);
        String fileId = Emulator.addFile(owner.username(), "quota.mp4", SIZE);
        int sessionsBefore = Emulator.uploads().size();
        Map<TopicPartition, Long> from = Jobs.progressEnd();

        UUID jobId = owner.requestUpload(fileId, SIZE, Jobs.metadata("Quota"));

        Map<String, Object> job = Jobs.awaitFinished(jobId);
        assertThat(job).containsEntry("status", "deferred").containsEntry("error_code", "QUOTA_EXCEEDED")
                .containsEntry("attempt", 0).containsEntry("lease_owner", null);
        assertThat(job.get("deferred_reason")).isNotNull();
        assertThat(((Timestamp) job.get("next_attempt_at")).toInstant()).isEqualTo(PacificDay.nextReset(Instant.now()));
        assertThat(Emulator.uploads()).as("no upload session opened").hasSize(sessionsBefore);
        assertThat(Emulator.videosWithMd5(Emulator.md5(owner.username(), fileId))).isEmpty();
        List<JobProgress> events = Jobs.progress(jobId, from, JobStatus.DEFERRED);
        assertThat(events).last().satisfies(last -> {
            assertThat(last.status()).isEqualTo(JobStatus.DEFERRED);
            assertThat(last.errorCode()).isEqualTo(ErrorCode.QUOTA_EXCEEDED);
            assertThat(last.nextAttemptAt()).isEqualTo(PacificDay.nextReset(Instant.now()));
        });
    }

    @Test
    void googleSayingQuotaExceededClosesTheLedgerBucketAndDefersTheJob() {
        Emulator.client().setQuotaLimits(Map.of("videos.insert", 0L));
        Owner owner = Owner.create(cipher);

        UUID jobId = owner.requestUpload(Emulator.addFile(owner.username(), "closed.mp4", SIZE), SIZE,
                Jobs.metadata("Closed"));

        Map<String, Object> job = Jobs.awaitFinished(jobId);
        assertThat(job).containsEntry("status", "deferred").containsEntry("error_code", "QUOTA_EXCEEDED")
                .containsEntry("attempt", 0);
        assertThat(((Timestamp) job.get("next_attempt_at")).toInstant()).isEqualTo(PacificDay.nextReset(Instant.now()));
        List<Map<String, Object>> bucket = Jobs.query("SELECT exhausted_at FROM quota_ledger WHERE project_id = ? "
                + "AND bucket = 'videos.insert'", PROJECT);
        assertThat(bucket).singleElement().satisfies(row -> assertThat(row.get("exhausted_at")).isNotNull());
    }

    @Test
    void aChannelWhoseUploadsOfTodayAreCountedUpWaitsForPacificMidnightWithoutAskingYouTube() {
        Owner capped = Owner.create(cipher);
        Owner other = Owner.create(cipher);
        String cappedChannel = "UC-capped-" + capped.username();
        Jobs.update("UPDATE google_account SET channel_id = ? WHERE id = ?", cappedChannel, capped.accountId());
        Jobs.update("UPDATE google_account SET channel_id = ? WHERE id = ?", "UC-other-" + other.username(),
                other.accountId());
        Jobs.update("INSERT INTO channel_upload_day (channel_id, pacific_date, uploads, upload_limit) "
                + "VALUES (?, ?, 100, 100)", cappedChannel, PacificDay.dateOf(Instant.now()));
        int sessionsBefore = Emulator.uploads().size();
        long bookedBefore = insertsBooked();

        UUID waiting = capped.requestUpload(Emulator.addFile(capped.username(), "full-day.mp4", SIZE), SIZE,
                Jobs.metadata("Full day"));

        Map<String, Object> job = Jobs.awaitFinished(waiting);
        assertThat(job).containsEntry("status", "deferred").containsEntry("error_code", "UPLOAD_LIMIT_EXCEEDED")
                .containsEntry("attempt", 0);
        assertThat(((Timestamp) job.get("next_attempt_at")).toInstant()).isEqualTo(PacificDay.nextReset(Instant.now()));
        assertThat(Emulator.uploads()).as("no upload session opened").hasSize(sessionsBefore);
        assertThat(insertsBooked()).as("the project's booking was given back").isEqualTo(bookedBefore);

        UUID elsewhere = other.requestUpload(Emulator.addFile(other.username(), "other-channel.mp4", SIZE), SIZE,
                Jobs.metadata("Other channel"));
        assertThat(Jobs.awaitFinished(elsewhere)).containsEntry("status", "completed");
        assertThat(Jobs.query("SELECT uploads FROM channel_upload_day WHERE channel_id = ?", "UC-other-"
                + other.username())).singleElement().satisfies(row -> assertThat(row).containsEntry("uploads", 1));
    }

    /** {@code videos.insert} units booked today in the shared ledger (all projects). */
    private static long insertsBooked() {
        return Jobs.query("SELECT coalesce(sum(used), 0) AS used FROM quota_ledger WHERE bucket = 'videos.insert'")
                .get(0).values().stream().mapToLong(v -> ((Number) v).longValue()).sum();
    }

    @Test
    void aChannelAtItsDailyUploadCapWaitsTwentyFourHours() {
        Emulator.client().setUploadsPerChannelPerDay(0);
        Owner owner = Owner.create(cipher);
        String channel = "UC-youtube-capped-" + owner.username();
        Jobs.update("UPDATE google_account SET channel_id = ? WHERE id = ?", channel, owner.accountId());

        UUID jobId = owner.requestUpload(Emulator.addFile(owner.username(), "capped.mp4", SIZE), SIZE,
                Jobs.metadata("Capped"));

        Map<String, Object> job = Jobs.awaitFinished(jobId);
        assertThat(job).containsEntry("status", "deferred").containsEntry("error_code", "UPLOAD_LIMIT_EXCEEDED")
                .containsEntry("attempt", 0);
        assertThat(((Timestamp) job.get("next_attempt_at")).toInstant())
                .isCloseTo(Instant.now().plus(Duration.ofHours(24)), within(2, ChronoUnit.MINUTES));
        // the channel's day is closed for its other jobs, which then wait without asking YouTube
        assertThat(Jobs.query("SELECT exhausted_at FROM channel_upload_day WHERE channel_id = ?", channel))
                .singleElement().satisfies(row -> assertThat(row.get("exhausted_at")).isNotNull());
    }

    @Test
    void failingChunkPutsAreRetriedInPlaceWithoutCostingAnAttempt() {
        Owner owner = Owner.create(cipher);
        for (int status : new int[]{503, 500, 429}) {
            String fileId = Emulator.addFile(owner.username(), "flaky-" + status + ".mp4", SIZE);
            String md5 = Emulator.md5(owner.username(), fileId);
            Emulator.client().injectFault("upload-put", 3, status);

            UUID jobId = owner.requestUpload(fileId, SIZE, Jobs.metadata("Flaky " + status));

            assertThat(Jobs.awaitFinished(jobId)).as("after %d", status).containsEntry("status", "completed")
                    .containsEntry("attempt", 1);
            assertThat(Emulator.videosWithMd5(md5)).singleElement()
                    .satisfies(video -> assertThat(video.size()).isEqualTo(SIZE));
        }
        String fileId = Emulator.addFile(owner.username(), "reset.mp4", SIZE);
        String md5 = Emulator.md5(owner.username(), fileId);
        Emulator.client().injectConnectionReset("upload-put", 100_000);
        UUID jobId = owner.requestUpload(fileId, SIZE, Jobs.metadata("Reset"));
        assertThat(Jobs.awaitFinished(jobId)).containsEntry("status", "completed").containsEntry("attempt", 1);
        assertThat(Emulator.videosWithMd5(md5)).singleElement()
                .satisfies(video -> assertThat(video.size()).isEqualTo(SIZE));
    }

    @Test
    void aJobThatKeepsFailingTransientlyFailsWithRetriesExhaustedAtItsLastAttempt() {
        Owner owner = Owner.create(cipher);
        String fileId = Emulator.addFile(owner.username(), "doomed.mp4", SIZE);
        UUID jobId = Jobs.insertJob(owner.id(), owner.accountId(), fileId, SIZE, Emulator.md5(owner.username(), fileId),
                Jobs.metadata("Doomed"), "deferred");
        // pending in the same statement: a worker hears of a pending job at once
        Jobs.update("UPDATE upload_job SET status = 'pending', max_attempts = 1 WHERE id = ?", jobId);
        Emulator.client().injectFault("upload-put", 100, 503);

        Jobs.publish(Jobs.requested(jobId, owner.id(), fileId, SIZE, Emulator.md5(owner.username(), fileId),
                Jobs.metadata("Doomed")));

        assertThat(Jobs.awaitFinished(jobId)).containsEntry("status", "failed")
                .containsEntry("error_code", ErrorCode.RETRIES_EXHAUSTED.name()).containsEntry("attempt", 1);
    }

    @Test
    void oneRejectedAccessTokenIsRefreshedButASecondRejectionAsksTheOwnerToReconnect() {
        Owner owner = Owner.create(cipher);
        Emulator.client().injectFault("api", 1, 401);
        UUID cured = owner.requestUpload(Emulator.addFile(owner.username(), "401-once.mp4", SIZE), SIZE,
                Jobs.metadata("Once"));
        assertThat(Jobs.awaitFinished(cured)).containsEntry("status", "completed").containsEntry("attempt", 1);

        Emulator.client().injectFault("api", 2, 401);
        UUID refused = owner.requestUpload(Emulator.addFile(owner.username(), "401-twice.mp4", SIZE), SIZE,
                Jobs.metadata("Twice"));
        assertThat(Jobs.awaitFinished(refused)).containsEntry("status", "failed")
                .containsEntry("error_code", "GOOGLE_RECONNECT_REQUIRED").containsEntry("attempt", 1);
    }
}
