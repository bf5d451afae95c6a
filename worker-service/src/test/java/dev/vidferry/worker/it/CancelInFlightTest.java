package dev.vidferry.worker.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

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
        UUID jobId = owner.requestUpload(fileId, SIZE, Jobs.metadata("Slow"));
        Jobs.await("the job uploading", Duration.ofSeconds(20), () -> "uploading".equals(Jobs.job(jobId).get("status")));
        Thread.sleep(1500); // mid-chunk

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
        String session = (String) Jobs.job(jobId).get("upload_session_uri");
        assertThat(Emulator.uploads()).filteredOn(u -> session.endsWith(u.get("uploadId").asText())).singleElement()
                .satisfies(u -> assertThat(u.get("complete").asBoolean()).isFalse());
    }

    /** The worker test profile with 8 MiB chunks. */
    public static class BigChunks extends WorkerTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(super.getConfigOverrides());
            config.put("vidferry.worker.chunk-size", "8M");
            return config;
        }
    }
}
