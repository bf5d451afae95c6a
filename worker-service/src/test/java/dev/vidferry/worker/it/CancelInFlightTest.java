package dev.vidferry.worker.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import dev.vidferry.model.event.JobControl;
import dev.vidferry.platform.crypto.TokenCipher;
import dev.vidferry.worker.it.UploadJobTest.Owner;

/** With production-sized 8 MiB chunks a chunk takes seconds on a slow link: a cancel must not wait for it. */
@QuarkusTest
@TestProfile(CancelInFlightTest.BigChunks.class)
class CancelInFlightTest {

    private static final long SIZE = 12 * 1024 * 1024;

    @Inject
    TokenCipher cipher;

    @AfterEach
    void unthrottle() {
        Emulator.client().throttle(0, 0);
    }

    @Test
    void aCancelAbortsTheChunkInFlightAndTheJobEndsCancelledWithinTwoSeconds() throws InterruptedException {
        Owner owner = Owner.create(cipher);
        String fileId = Emulator.addFile(owner.username(), "slow.mp4", SIZE);
        String md5 = Emulator.md5(owner.username(), fileId);
        Emulator.client().throttle(0, 1_000_000); // ~8 s per 8 MiB chunk
        UUID jobId = Jobs.insertJob(owner.id(), owner.accountId(), fileId, SIZE, md5, Jobs.metadata("Slow"),
                "deferred");
        // pending and on its second attempt (no debug pause) in one statement: a worker hears of it at once
        Jobs.update("UPDATE upload_job SET status = 'pending', attempt = 1 WHERE id = ?", jobId);
        Jobs.publish(Jobs.requested(jobId, owner.id(), fileId, SIZE, md5, Jobs.metadata("Slow")));
        Jobs.await("the job uploading", Duration.ofSeconds(20), () -> "uploading".equals(Jobs.job(jobId).get("status")));
        Thread.sleep(1500); // mid-chunk
        String session = Jobs.sessionUri(cipher, jobId);

        long start = System.nanoTime();
        // as the api does for a running job
        Jobs.update("UPDATE upload_job SET cancel_requested_at = now() WHERE id = ?", jobId);
        Jobs.publishControl(jobId, JobControl.CANCEL);
        Jobs.await("the job cancelled", Duration.ofSeconds(10), () -> "cancelled".equals(Jobs.job(jobId).get("status")));
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertThat(millis).as("cancelled after %d ms", millis).isLessThan(2000);
        Emulator.client().throttle(0, 0);
        Thread.sleep(1500);
        assertThat(Jobs.job(jobId)).containsEntry("status", "cancelled");
        assertThat(Emulator.videosWithMd5(md5)).as("the abandoned session never completes").isEmpty();
        assertThat(Jobs.job(jobId)).as("the session URL is cleared once the job ends")
                .containsEntry("upload_session_uri", null);
        assertThat(Emulator.uploads()).filteredOn(u -> session.endsWith(u.get("uploadId").asText())).singleElement()
                .satisfies(u -> assertThat(u.get("complete").asBoolean()).isFalse());
    }

    @Test
    void aDebugPauseHoldsAFirstAttemptAfterTheSessionIsOpenedAndBeforeAnyByteIsSent() throws InterruptedException {
        List<String> logged = new CopyOnWriteArrayList<>();
        Handler handler = new Handler() {

            @Override
            public void publish(LogRecord record) {
                String message = record.getParameters() == null
                        ? record.getMessage()
                        : String.format(record.getMessage(), record.getParameters());
                if (message != null && message.startsWith("vidferry-debug-pause")) {
                    logged.add(message);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger.getLogger("").addHandler(handler);
        try {
            Owner owner = Owner.create(cipher);
            String fileId = Emulator.addFile(owner.username(), "paused.mp4", 1024 * 1024);
            UUID jobId = owner.requestUpload(fileId, 1024 * 1024, Jobs.metadata("Paused"));
            Jobs.await("the pause", Duration.ofSeconds(20), () -> !logged.isEmpty());

            assertThat(logged).containsExactly("vidferry-debug-pause point=before-first-chunk job=" + jobId);
            Thread.sleep(1000);
            Map<String, Object> job = Jobs.job(jobId);
            assertThat(job).containsEntry("status", "uploading").containsEntry("upload_confirmed_offset", 0L);
            String session = Jobs.sessionUri(cipher, jobId);
            assertThat(Emulator.uploads()).filteredOn(u -> session.endsWith(u.get("uploadId").asText()))
                    .singleElement().satisfies(u -> assertThat(u.get("bytesReceived").asLong()).isZero());

            Jobs.update("UPDATE upload_job SET cancel_requested_at = now() WHERE id = ?", jobId);
            Jobs.publishControl(jobId, JobControl.CANCEL);
            Jobs.await("the paused job cancelled", Duration.ofSeconds(5),
                    () -> "cancelled".equals(Jobs.job(jobId).get("status")));
        } finally {
            Logger.getLogger("").removeHandler(handler);
        }
    }

    /** The worker test profile with 8 MiB chunks and a long debug pause before the first chunk of first attempts. */
    public static class BigChunks extends WorkerTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(super.getConfigOverrides());
            config.put("vidferry.worker.chunk-size", "8M");
            config.put("vidferry.worker.debug.pause-at", "before-first-chunk");
            config.put("vidferry.worker.debug.pause-for", "60s");
            return config;
        }
    }
}
