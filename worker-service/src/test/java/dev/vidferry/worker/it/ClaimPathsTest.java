package dev.vidferry.worker.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import dev.vidferry.platform.crypto.TokenCipher;
import dev.vidferry.worker.it.UploadJobTest.Owner;
import dev.vidferry.worker.job.JobRepository;

@QuarkusTest
@TestProfile(WorkerTestProfile.class)
class ClaimPathsTest {

    private static final long SIZE = 1024 * 1024 + 4096;

    @Inject
    TokenCipher cipher;

    @Test
    void aPendingJobWhoseRequestWasNeverPublishedIsClaimedFromTheDatabaseAndCompleted() {
        Owner owner = Owner.create(cipher);
        String fileId = Emulator.addFile(owner.username(), "orphan.mp4", SIZE);
        String md5 = Emulator.md5(owner.username(), fileId);

        UUID jobId = Jobs.insertJob(owner.id(), owner.accountId(), fileId, SIZE, md5, Jobs.metadata("Orphan"),
                "pending");

        Map<String, Object> job = Jobs.awaitFinished(jobId);
        assertThat(job).containsEntry("status", "completed").containsEntry("attempt", 1);
        assertThat(Emulator.videosWithMd5(md5)).singleElement()
                .satisfies(video -> assertThat(video.size()).isEqualTo(SIZE));
    }

    @Test
    void aJobThatIsNotDueYetIsNotClaimed() throws InterruptedException {
        Owner owner = Owner.create(cipher);
        String fileId = Emulator.addFile(owner.username(), "later.mp4", SIZE);
        UUID jobId = Jobs.insertJob(owner.id(), owner.accountId(), fileId, SIZE, Emulator.md5(owner.username(), fileId),
                Jobs.metadata("Later"), "deferred");
        // pending with a back-off in one statement (a worker hears of every pending job at once)
        Jobs.update("UPDATE upload_job SET status = 'pending', next_attempt_at = now() + interval '1 hour', "
                + "updated_at = now() - interval '1 minute' WHERE id = ?", jobId);

        Thread.sleep(3000);

        assertThat(Jobs.job(jobId)).containsEntry("status", "pending").containsEntry("attempt", 0);
    }

    @Test
    void whileTheOwnersGoogleAccountMustBeReconnectedItsOtherJobsWaitWithoutSpendingAttempts()
            throws InterruptedException {
        Owner owner = Owner.create(cipher);
        Emulator.client().revoke(owner.refreshToken());
        UUID first = owner.requestUpload(Emulator.addFile(owner.username(), "r1.mp4", SIZE), SIZE,
                Jobs.metadata("First"));
        assertThat(Jobs.awaitFinished(first)).containsEntry("status", "failed")
                .containsEntry("error_code", "GOOGLE_RECONNECT_REQUIRED").containsEntry("attempt", 1);

        String unpublishedFile = Emulator.addFile(owner.username(), "r2.mp4", SIZE);
        UUID unpublished = Jobs.insertJob(owner.id(), owner.accountId(), unpublishedFile, SIZE,
                Emulator.md5(owner.username(), unpublishedFile), Jobs.metadata("Second"), "pending");
        UUID published = owner.requestUpload(Emulator.addFile(owner.username(), "r3.mp4", SIZE), SIZE,
                Jobs.metadata("Third"));

        Thread.sleep(4000); // several dispatch ticks
        for (UUID waiting : new UUID[]{unpublished, published}) {
            assertThat(Jobs.job(waiting)).containsEntry("status", "pending").containsEntry("attempt", 0);
        }
        assertThat(Jobs.job(published)).containsEntry("message", JobRepository.WAITING_FOR_RECONNECT);

        // the owner reconnects (as the api stores a new consent): the waiting jobs run, on their first attempt; the
        // write says 'connected' as an api from before V15 would, which is stored and read as 'active'
        String refreshToken = Emulator.client().issueTokens(owner.username(), null, null).get("refreshToken").asText();
        TokenCipher.Sealed sealed = cipher.encrypt(refreshToken, owner.id());
        Jobs.update("UPDATE google_account SET status = 'connected', key_id = ?, refresh_token_ciphertext = ?, "
                + "access_token_ciphertext = NULL, access_token_expires_at = NULL WHERE id = ?", sealed.keyId(),
                sealed.ciphertext(), owner.accountId());
        assertThat(Jobs.query("SELECT status FROM google_account WHERE id = ?", owner.accountId()))
                .singleElement().satisfies(row -> assertThat(row).containsEntry("status", "active"));
        for (UUID waiting : new UUID[]{unpublished, published}) {
            assertThat(Jobs.awaitFinished(waiting)).containsEntry("status", "completed").containsEntry("attempt", 1);
        }
    }
}
