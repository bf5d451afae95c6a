package dev.vidferry.scheduler.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import dev.vidferry.platform.crypto.TokenCipher;
import dev.vidferry.platform.sync.FolderSync;
import dev.vidferry.platform.sync.SyncRun;
import dev.vidferry.platform.sync.SyncStore;
import dev.vidferry.scheduler.SchedulerTestProfile;
import dev.vidferry.scheduler.runonce.RunOnce;
import dev.vidferry.testsupport.emulator.EmulatorClient;
import dev.vidferry.testsupport.emulator.EmulatorClient.EmulatorUser;
import dev.vidferry.testsupport.emulator.GoogleEmulatorResource;

/**
 * Run-once mode (the CronJob) with folder syncs: the due syncs run, then housekeeping; the exit code says whether
 * they all succeeded. Tested on the {@link RunOnce} bean (the packaged process is {@code RunOnceIT}).
 */
@QuarkusTest
@TestProfile(SchedulerTestProfile.class)
class RunOnceSyncsTest {

    @Inject
    RunOnce runOnce;

    @Inject
    SyncStore store;

    @Inject
    TokenCipher cipher;

    final EmulatorClient google = GoogleEmulatorResource.client();
    FolderSync sync;

    @BeforeEach
    void aDueSync() {
        SyncFixtures.clear();
        EmulatorUser user = google.createUser("once-" + UUID.randomUUID().toString().substring(0, 8));
        SyncFixtures.connect(cipher, user);
        String folder = google.seedFolder(user.username(), null, "Once", 3, 4096).get(0).id();
        sync = SyncFixtures.create(store, user.username(), folder, 100);
        SyncFixtures.due(sync.id());
    }

    @AfterEach
    void driveBack() {
        google.clearFaults();
    }

    @Test
    void runOnceRunsTheDueSyncsAndExitsZero() {
        assertThat(runOnce.run()).isZero();

        assertThat(SyncFixtures.jobFiles(sync.id())).hasSize(3);
        assertThat(store.runs(sync.id(), 5).await().atMost(Duration.ofSeconds(10))).singleElement()
                .extracting(SyncRun::status).isEqualTo(SyncRun.SUCCEEDED);
    }

    @Test
    void runOnceExitsNonZeroWhenDriveFails() {
        google.injectFault("api", 50, 403);

        assertThat(runOnce.run()).isEqualTo(1);

        assertThat(SyncFixtures.jobFiles(sync.id())).isEmpty();
        assertThat(store.runs(sync.id(), 5).await().atMost(Duration.ofSeconds(10))).singleElement()
                .satisfies(run -> {
                    assertThat(run.status()).isEqualTo(SyncRun.FAILED);
                    assertThat(run.error()).startsWith("Drive answered 403");
                });
    }
}
