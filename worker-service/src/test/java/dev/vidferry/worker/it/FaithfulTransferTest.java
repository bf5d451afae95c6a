package dev.vidferry.worker.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import dev.vidferry.model.job.ErrorCode;
import dev.vidferry.platform.crypto.TokenCipher;
import dev.vidferry.worker.it.UploadJobTest.Owner;

/**
 * Issue #9: the bytes on YouTube are the Drive file's. Drive downloads cut off or answered with other bytes than asked
 * are reopened in place; a stream whose md5 differs from Drive's fails the job; Google's error reasons are honoured.
 */
@QuarkusTest
@TestProfile(WorkerTestProfile.class)
class FaithfulTransferTest {

    private static final long SIZE = 3 * 1024 * 1024 + 4321;
    private static final String NO_READONLY_SCOPES = "https://www.googleapis.com/auth/drive.readonly "
            + "https://www.googleapis.com/auth/youtube.upload";

    @Inject
    TokenCipher cipher;

    @AfterEach
    void calm() {
        Emulator.client().clearFaults();
    }

    private static void assertCompletedOnFirstAttemptWithTheFilesBytes(UUID jobId, String md5) {
        assertThat(Jobs.awaitFinished(jobId)).containsEntry("status", "completed").containsEntry("attempt", 1);
        assertThat(Emulator.videosWithMd5(md5)).singleElement()
                .satisfies(video -> assertThat(video.size()).isEqualTo(SIZE));
    }

    @Test
    void connectionResetsWhileReadingDriveAreReopenedInPlaceOnTheFirstAttempt() {
        Owner owner = Owner.create(cipher);
        String fileId = Emulator.addFile(owner.username(), "drive-reset.mp4", SIZE);
        String md5 = Emulator.md5(owner.username(), fileId);
        Emulator.client().injectConnectionReset("drive-media", 1_300_000, 2);

        UUID jobId = owner.requestUpload(fileId, SIZE, Jobs.metadata("Drive reset"));

        assertCompletedOnFirstAttemptWithTheFilesBytes(jobId, md5);
        assertThat(Emulator.client().call("GET", "/_emulator/faults", null).path("pending").size())
                .as("both resets struck").isZero();
    }

    @Test
    void aRangedReadAnsweredWithTheWholeFileIsRejectedAndReopened() {
        Owner owner = Owner.create(cipher);
        String fileId = Emulator.addFile(owner.username(), "range-ignored.mp4", SIZE);
        String md5 = Emulator.md5(owner.username(), fileId);
        Emulator.client().injectConnectionReset("drive-media", 1_000_000, 1); // so the next read is ranged
        Emulator.client().injectDriveRangeFault("ignore");

        UUID jobId = owner.requestUpload(fileId, SIZE, Jobs.metadata("Range ignored"));

        assertCompletedOnFirstAttemptWithTheFilesBytes(jobId, md5);
    }

    @Test
    void aRangedReadStartingAtTheWrongByteIsRejectedAndReopened() {
        Owner owner = Owner.create(cipher);
        String fileId = Emulator.addFile(owner.username(), "range-shifted.mp4", SIZE);
        String md5 = Emulator.md5(owner.username(), fileId);
        Emulator.client().injectConnectionReset("drive-media", 1_000_000, 1);
        Emulator.client().injectDriveRangeFault("shift");

        UUID jobId = owner.requestUpload(fileId, SIZE, Jobs.metadata("Range shifted"));

        assertCompletedOnFirstAttemptWithTheFilesBytes(jobId, md5);
    }

    @Test
    void bytesThatDoNotMatchDrivesMd5FailTheJobWithContentMismatchAndNameTheUploadedVideo() {
        Owner owner = Owner.create(cipher);
        String fileId = Emulator.addFile(owner.username(), "corrupt.mp4", SIZE);
        Emulator.client().injectDriveCorruption(2_000_000);

        UUID jobId = owner.requestUpload(fileId, SIZE, Jobs.metadata("Corrupt"));

        Map<String, Object> job = Jobs.awaitFinished(jobId);
        assertThat(job).containsEntry("status", "failed").containsEntry("error_code", ErrorCode.CONTENT_MISMATCH.name());
        assertThat((String) job.get("error_message")).contains("was uploaded as https://www.youtube.com/watch?v=")
                .contains(Emulator.md5(owner.username(), fileId));
        assertThat(Jobs.query("SELECT id FROM upload_history WHERE job_id = ?", jobId))
                .as("an untrusted video is no upload of the file").isEmpty();
    }

    @Test
    void anAccountWithoutAYoutubeChannelFailsTheJobButStaysConnected() {
        Owner owner = Owner.create(cipher);
        Emulator.client().setHasChannel(owner.username(), false);

        UUID jobId = owner.requestUpload(Emulator.addFile(owner.username(), "no-channel.mp4", SIZE), SIZE,
                Jobs.metadata("No channel"));

        Map<String, Object> job = Jobs.awaitFinished(jobId);
        assertThat(job).containsEntry("status", "failed")
                .containsEntry("error_code", ErrorCode.YOUTUBE_CHANNEL_REQUIRED.name());
        assertThat((String) job.get("error_message")).contains("no YouTube channel");
        assertThat(Jobs.query("SELECT status FROM google_account WHERE id = ?", owner.accountId()))
                .singleElement().satisfies(row -> assertThat(row).containsEntry("status", "active"));
    }

    @Test
    void aTokenWithoutTheReadScopeSkipsTheDuplicateCheckWithAWarningAndStillUploads() {
        String username = "u" + UUID.randomUUID().toString().substring(0, 8);
        String refreshToken = Emulator.client().createUser(username, null, NO_READONLY_SCOPES, true).refreshToken();
        Owner owner = new Owner(username, "owner-" + username, null, refreshToken);
        UUID accountId = Jobs.insertAccount(cipher, owner.id(), refreshToken);
        String fileId = Emulator.addFile(username, "scopeless.mp4", SIZE);
        String md5 = Emulator.md5(username, fileId);
        Jobs.update("INSERT INTO upload_history (id, owner_id, google_account_id, drive_file_id, drive_md5, size_bytes, "
                + "video_id, video_url) VALUES (?, ?, ?, ?, ?, ?, 'earlier', 'https://www.youtube.com/watch?v=earlier')",
                UUID.randomUUID(), owner.id(), accountId, fileId, md5, SIZE);

        UUID jobId = new Owner(username, owner.id(), accountId, refreshToken).requestUpload(fileId, SIZE,
                Jobs.metadata("Scopeless"));

        Map<String, Object> job = Jobs.awaitFinished(jobId);
        assertThat(job).containsEntry("status", "completed").containsEntry("attempt", 1);
        assertThat((String) job.get("warning")).contains("youtube.readonly");
        assertThat((String) job.get("message")).contains("warning");
        assertThat(Emulator.videosWithMd5(md5)).hasSize(1);
    }
}
