package dev.vidferry.worker.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import dev.vidferry.model.event.EventEnvelope;
import dev.vidferry.model.event.JobProgress;
import dev.vidferry.model.event.JobRequested;
import dev.vidferry.model.event.Topics;
import dev.vidferry.model.job.ErrorCode;
import dev.vidferry.model.job.JobStatus;
import dev.vidferry.model.metadata.VideoMetadata;
import dev.vidferry.platform.crypto.TokenCipher;
import dev.vidferry.testsupport.emulator.EmulatorClient.UploadedVideo;
import dev.vidferry.testsupport.kafka.KafkaResource;
import dev.vidferry.worker.it.UploadJobTest.Owner;

@QuarkusTest
@TestProfile(WorkerTestProfile.class)
class JobOutcomesTest {

    private static final long SIZE = 1024 * 1024;

    @Inject
    TokenCipher cipher;

    @Test
    void aRedeliveredRequestRunsTheJobOnce() throws InterruptedException {
        Owner owner = Owner.create(cipher);
        String fileId = Emulator.addFile(owner.username(), "twice.mp4", SIZE);
        String md5 = Emulator.md5(owner.username(), fileId);
        VideoMetadata metadata = Jobs.metadata("Twice");
        UUID jobId = Jobs.insertJob(owner.id(), owner.accountId(), fileId, SIZE, md5, metadata, "pending");
        EventEnvelope<JobRequested> request = Jobs.requested(jobId, owner.id(), fileId, SIZE, md5, metadata);

        Jobs.publish(request);
        Jobs.publish(request);

        assertThat(Jobs.awaitFinished(jobId)).containsEntry("status", "completed").containsEntry("attempt", 1);
        Thread.sleep(1000);
        assertThat(Jobs.job(jobId)).containsEntry("attempt", 1);
        assertThat(Emulator.videosWithMd5(md5)).hasSize(1);
    }

    @Test
    void aJobAnotherWorkerHoldsIsNotRun() {
        Owner owner = Owner.create(cipher);
        String heldFile = Emulator.addFile(owner.username(), "held.mp4", SIZE);
        String heldMd5 = Emulator.md5(owner.username(), heldFile);
        UUID held = Jobs.insertJob(owner.id(), owner.accountId(), heldFile, SIZE, heldMd5, Jobs.metadata("Held"),
                "downloading");
        Jobs.update("UPDATE upload_job SET lease_owner = 'another-worker', attempt = 1, "
                + "lease_expires_at = now() + interval '10 minutes' WHERE id = ?", held);

        Jobs.publish(Jobs.requested(held, owner.id(), heldFile, SIZE, heldMd5, Jobs.metadata("Held")));
        UUID next = owner.requestUpload(Emulator.addFile(owner.username(), "next.mp4", SIZE), SIZE,
                Jobs.metadata("Next"));

        assertThat(Jobs.awaitFinished(next)).containsEntry("status", "completed");
        assertThat(Jobs.job(held)).containsEntry("status", "downloading").containsEntry("lease_owner", "another-worker")
                .containsEntry("attempt", 1);
        assertThat(Emulator.videosWithMd5(heldMd5)).isEmpty();
    }

    @Test
    void aFileUploadedBeforeCompletesWithTheExistingVideoUntilThatVideoIsDeleted() {
        Owner owner = Owner.create(cipher);
        String fileId = Emulator.addFile(owner.username(), "again.mp4", SIZE);
        String md5 = Emulator.md5(owner.username(), fileId);

        UUID first = owner.requestUpload(fileId, SIZE, Jobs.metadata("First"));
        String videoId = (String) Jobs.awaitFinished(first).get("video_id");
        assertThat(videoId).isNotNull();

        UUID second = owner.requestUpload(fileId, SIZE, Jobs.metadata("Second"));
        Map<String, Object> duplicate = Jobs.awaitFinished(second);
        assertThat(duplicate).containsEntry("status", "completed").containsEntry("video_id", videoId);
        assertThat((String) duplicate.get("message")).contains("nothing was uploaded");
        assertThat(Emulator.videosWithMd5(md5)).hasSize(1);

        Emulator.deleteVideo(videoId, owner.username());
        UUID third = owner.requestUpload(fileId, SIZE, Jobs.metadata("Third"));
        Map<String, Object> reupload = Jobs.awaitFinished(third);
        assertThat(reupload).containsEntry("status", "completed");
        assertThat(reupload.get("video_id")).isNotNull().isNotEqualTo(videoId);
        assertThat(Emulator.videosWithMd5(md5)).extracting(UploadedVideo::id)
                .containsExactly((String) reupload.get("video_id"));
        assertThat(Jobs.query("SELECT video_gone_at FROM upload_history WHERE job_id = ?", first).get(0)
                .get("video_gone_at")).isNotNull();
    }

    @Test
    void aMalformedRequestIsDeadLetteredAndTheNextJobStillCompletes() {
        String key = UUID.randomUUID().toString();
        String value = "{not an envelope " + key;
        Map<TopicPartition, Long> dlqEnd;
        try (KafkaConsumer<String, String> consumer = consumer()) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.JOB_REQUESTED_DLQ).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            dlqEnd = consumer.endOffsets(partitions);
        }

        Jobs.publishRaw(key, value, UUID.randomUUID().toString());
        Owner owner = Owner.create(cipher);
        UUID next = owner.requestUpload(Emulator.addFile(owner.username(), "after.mp4", SIZE), SIZE,
                Jobs.metadata("After the poison"));

        assertThat(Jobs.awaitFinished(next)).containsEntry("status", "completed");
        try (KafkaConsumer<String, String> consumer = consumer()) {
            consumer.assign(dlqEnd.keySet());
            dlqEnd.forEach(consumer::seek);
            ConsumerRecord<String, String> dead = null;
            long deadline = System.currentTimeMillis() + 20_000;
            while (dead == null && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (key.equals(record.key())) {
                        dead = record;
                    }
                }
            }
            assertThat(dead).as("the malformed record on the DLQ").isNotNull();
            assertThat(dead.value()).isEqualTo(value);
            assertThat(new String(dead.headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8))
                    .contains("not an upload-job.requested envelope");
        }
    }

    @Test
    void metadataYouTubeRejectsFailsTheJobWithInvalidMetadata() {
        Owner owner = Owner.create(cipher);
        Map<TopicPartition, Long> from = Jobs.progressEnd();
        UUID jobId = owner.requestUpload(Emulator.addFile(owner.username(), "long.mp4", SIZE), SIZE,
                Jobs.metadata("x".repeat(101)));

        Map<String, Object> job = Jobs.awaitFinished(jobId);
        assertThat(job).containsEntry("status", "failed").containsEntry("error_code", "INVALID_METADATA");
        assertThat((String) job.get("error_message")).contains("invalidTitle");
        List<JobProgress> events = Jobs.progress(jobId, from);
        JobProgress last = events.get(events.size() - 1);
        assertThat(last.status()).isEqualTo(JobStatus.FAILED);
        assertThat(last.errorCode()).isEqualTo(ErrorCode.INVALID_METADATA);
    }

    @Test
    void anEmptyFileFailsWithAClearReason() {
        Owner owner = Owner.create(cipher);
        UUID jobId = owner.requestUpload(Emulator.addFile(owner.username(), "empty.mp4", 0), 0,
                Jobs.metadata("Empty"));

        Map<String, Object> job = Jobs.awaitFinished(jobId);
        assertThat(job).containsEntry("status", "failed").containsEntry("error_code", "EMPTY_FILE");
        assertThat((String) job.get("error_message")).contains("empty");
    }

    @Test
    void aRevokedGoogleAuthorizationFailsTheJobAndAsksTheOwnerToReconnect() {
        Owner owner = Owner.create(cipher);
        String fileId = Emulator.addFile(owner.username(), "revoked.mp4", SIZE);
        Emulator.client().revoke(owner.refreshToken());

        UUID jobId = owner.requestUpload(fileId, SIZE, Jobs.metadata("Revoked"));

        assertThat(Jobs.awaitFinished(jobId)).containsEntry("status", "failed")
                .containsEntry("error_code", "GOOGLE_RECONNECT_REQUIRED");
        assertThat(Jobs.query("SELECT status FROM google_account WHERE id = ?", owner.accountId()).get(0))
                .containsEntry("status", "reconnect_required");
    }

    private static KafkaConsumer<String, String> consumer() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaResource.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "worker-test-dlq-" + UUID.randomUUID());
        return new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
    }
}
