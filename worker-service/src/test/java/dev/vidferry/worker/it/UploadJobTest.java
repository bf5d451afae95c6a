package dev.vidferry.worker.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import dev.vidferry.model.event.JobProgress;
import dev.vidferry.model.job.JobStatus;
import dev.vidferry.model.metadata.VideoMetadata;
import dev.vidferry.platform.crypto.TokenCipher;
import dev.vidferry.testsupport.emulator.EmulatorClient.UploadedVideo;

@QuarkusTest
@TestProfile(WorkerTestProfile.class)
class UploadJobTest {

    private static final long SIZE = 3 * 1024 * 1024 + 12_345; // not a chunk multiple: the last chunk is short

    @Inject
    TokenCipher cipher;

    @Test
    void aRequestedJobIsUploadedWithItsMetadataAndFollowedToTheEndOnKafka() {
        Owner owner = Owner.create(cipher);
        String fileId = Emulator.addFile(owner.username, "holiday.mp4", SIZE);
        String md5 = Emulator.md5(owner.username, fileId);
        VideoMetadata metadata = Jobs.metadata("Holiday " + owner.username);
        Map<TopicPartition, Long> from = Jobs.progressEnd();
        Emulator.client().throttle(0, 2 * 1024 * 1024); // ~1.5 s of transfer: time for progress ticks
        UUID jobId = Jobs.insertJob(owner.id, owner.accountId, fileId, SIZE, md5, metadata, "pending");

        Jobs.publish(Jobs.requested(jobId, owner.id, fileId, SIZE, md5, metadata));

        Map<String, Object> job;
        try {
            job = Jobs.awaitFinished(jobId);
        } finally {
            Emulator.client().throttle(0, 0);
        }
        assertThat(job.get("status")).as("%s", job).isEqualTo("completed");
        String videoId = (String) job.get("video_id");
        assertThat(job.get("video_url")).isEqualTo("https://www.youtube.com/watch?v=" + videoId);
        assertThat(job.get("started_at")).isNotNull();
        assertThat(job.get("completed_at")).isNotNull();
        assertThat(((Number) job.get("progress")).intValue()).isEqualTo(100);

        List<UploadedVideo> videos = Emulator.videosWithMd5(md5);
        assertThat(videos).hasSize(1);
        UploadedVideo video = videos.get(0);
        assertThat(video.id()).isEqualTo(videoId);
        assertThat(video.size()).isEqualTo(SIZE);
        assertThat(video.snippet().path("title").asText()).isEqualTo(metadata.title());
        assertThat(video.snippet().path("description").asText()).isEqualTo(metadata.description());
        assertThat(video.snippet().path("tags").toString()).isEqualTo("[\"vidferry\",\"test run\"]");
        assertThat(video.snippet().path("categoryId").asText()).isEqualTo("24");
        assertThat(video.status().path("privacyStatus").asText()).isEqualTo("unlisted");
        assertThat(video.status().path("selfDeclaredMadeForKids").asBoolean()).isTrue();
        // 512 KiB chunks: every chunk but the last answered 308
        assertThat(video.puts()).isGreaterThanOrEqualTo((int) (SIZE / (512 * 1024)) + 1);

        List<Map<String, Object>> history = Jobs.query("SELECT * FROM upload_history WHERE job_id = ?", jobId);
        assertThat(history).hasSize(1);
        assertThat(history.get(0)).containsEntry("video_id", videoId).containsEntry("drive_md5", md5)
                .containsEntry("owner_id", owner.id).containsEntry("drive_file_id", fileId);

        assertThat(Jobs.query("SELECT access_token_ciphertext FROM google_account WHERE id = ?", owner.accountId)
                .get(0).get("access_token_ciphertext")).as("the refreshed access token is saved").isNotNull();

        List<JobProgress> events = Jobs.progress(jobId, from);
        assertThat(events).extracting(JobProgress::status).startsWith(JobStatus.DOWNLOADING)
                .contains(JobStatus.UPLOADING).endsWith(JobStatus.COMPLETED);
        assertThat(events).extracting(JobProgress::progress).isSorted();
        assertThat(events).as("ticks while bytes move").anySatisfy(tick -> {
            assertThat(tick.status()).isEqualTo(JobStatus.UPLOADING);
            assertThat(tick.progress()).isBetween(1, 99);
            assertThat(tick.bytesPerSecond()).isPositive();
        });
        JobProgress last = events.get(events.size() - 1);
        assertThat(last.videoId()).isEqualTo(videoId);
        assertThat(last.progress()).isEqualTo(100);
        assertThat(last.bytesTransferred()).isEqualTo(SIZE);
        assertThat(last.totalBytes()).isEqualTo(SIZE);
    }

    /** A Google user on the emulator with its account row in the worker's database. */
    record Owner(String username, String id, UUID accountId, String refreshToken) {

        static Owner create(TokenCipher cipher) {
            String username = "u" + UUID.randomUUID().toString().substring(0, 8);
            String refreshToken = Emulator.createUser(username).refreshToken();
            String ownerId = "owner-" + username;
            UUID accountId = Jobs.insertAccount(cipher, ownerId, refreshToken);
            return new Owner(username, ownerId, accountId, refreshToken);
        }

        /** Adds a Drive file, a pending job for it and publishes the job's request; returns the job id. */
        UUID requestUpload(String fileId, long size, VideoMetadata metadata) {
            String md5 = Emulator.md5(username, fileId);
            UUID jobId = Jobs.insertJob(id, accountId, fileId, size, md5, metadata, "pending");
            Jobs.publish(Jobs.requested(jobId, id, fileId, size, md5, metadata));
            return jobId;
        }
    }
}
