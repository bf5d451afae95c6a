package dev.vidferry.scheduler.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.mutiny.Uni;

import dev.vidferry.platform.crypto.TokenCipher;
import dev.vidferry.platform.sync.FolderSync;
import dev.vidferry.platform.sync.SyncRun;
import dev.vidferry.platform.sync.SyncStore;
import dev.vidferry.scheduler.SchedulerTestProfile;
import dev.vidferry.testsupport.emulator.EmulatorClient;
import dev.vidferry.testsupport.emulator.EmulatorClient.EmulatorUser;
import dev.vidferry.testsupport.emulator.EmulatorClient.SeededFile;
import dev.vidferry.testsupport.emulator.GoogleEmulatorResource;

/**
 * Saved folder syncs run by the scheduler against the emulator (official Drive client over HTTP) and real
 * PostgreSQL: one runner per sync across replicas, full then incremental runs, rescans.
 */
@QuarkusTest
@TestProfile(SchedulerTestProfile.class)
class SyncRunsTest {

    static final Duration WITHIN = Duration.ofSeconds(60);

    @Inject
    SyncScheduler scheduler;

    @Inject
    SyncRunner runner;

    @Inject
    SyncStore store;

    @Inject
    TokenCipher cipher;

    final EmulatorClient google = GoogleEmulatorResource.client();
    EmulatorUser user;
    String folder;
    List<SeededFile> seeded;

    @BeforeEach
    void aConnectedUserWithAFolder() {
        SyncFixtures.clear();
        user = google.createUser("sync-" + UUID.randomUUID().toString().substring(0, 8));
        SyncFixtures.connect(cipher, user);
        seeded = google.seedFolder(user.username(), null, "Clips", 6, 64 * 1024);
        folder = seeded.get(0).id();
        google.seedFolder(user.username(), folder, "Sub", 3, 64 * 1024);
    }

    @AfterEach
    void noLatency() {
        google.setLatency(Duration.ZERO);
        google.clearFaults();
    }

    @Test
    void twoSchedulersRunningTheSameSyncAtTheSameMomentEnqueueEachFileExactlyOnce() {
        FolderSync sync = SyncFixtures.create(store, user.username(), folder, 100);
        SyncFixtures.due(sync.id());
        google.setLatency(Duration.ofMillis(30)); // the run spans many Drive calls: the second replica meets it

        List<List<SyncOutcome>> ticks = Uni.join().all(scheduler.runDue(), scheduler.runDue()).andFailFast()
                .await().atMost(WITHIN);

        List<SyncOutcome> mine = ticks.stream().flatMap(List::stream).filter(o -> o.syncId().equals(sync.id()))
                .toList();
        assertThat(mine).extracting(SyncOutcome::kind).containsOnlyOnce(SyncOutcome.Kind.RAN)
                .hasSize(2).doesNotContainNull();
        List<String> files = SyncFixtures.jobFiles(sync.id());
        assertThat(files).hasSize(9).doesNotHaveDuplicates();
        assertThat(SyncFixtures.requestedEvents(sync.id())).isEqualTo(9);
        List<SyncRun> runs = store.runs(sync.id(), 10).await().atMost(WITHIN);
        assertThat(runs).singleElement().satisfies(run -> {
            assertThat(run.status()).isEqualTo(SyncRun.SUCCEEDED);
            assertThat(run.mode()).isEqualTo(SyncRun.FULL);
            assertThat(run.addedCount()).isEqualTo(9);
            assertThat(run.batchId()).isEqualTo(run.id().toString());
        });

        google.setLatency(Duration.ZERO);
        SyncFixtures.due(sync.id());
        List<List<SyncOutcome>> again = Uni.join().all(scheduler.runDue(), scheduler.runDue()).andFailFast()
                .await().atMost(WITHIN);
        assertThat(again.stream().flatMap(List::stream).filter(o -> o.kind() == SyncOutcome.Kind.RAN))
                .singleElement().satisfies(o -> {
                    assertThat(o.run().addedCount()).isZero();
                    assertThat(o.run().mode()).isEqualTo(SyncRun.INCREMENTAL);
                });
        assertThat(SyncFixtures.jobFiles(sync.id())).hasSize(9);
    }

    @Test
    void anIncrementalRunAfterAddingThreeFilesAndDeletingOneListsAtMostThreeTimesAndEnqueuesExactlyTheThree() {
        FolderSync sync = SyncFixtures.create(store, user.username(), folder, 100);
        SyncOutcome first = runner.run(sync.id(), true).await().atMost(WITHIN);
        assertThat(first.run().mode()).isEqualTo(SyncRun.FULL);
        assertThat(first.run().addedCount()).isEqualTo(9);
        String sub = google.files(user.username()).stream().filter(f -> f.name().equals("Sub")).findFirst()
                .orElseThrow().id();
        Set<String> added = Set.of(google.seedFile(user.username(), folder, "new-1.mp4", 4096).id(),
                google.seedFile(user.username(), folder, "new-2.mp4", 4096).id(),
                google.seedFile(user.username(), sub, "new-3.mp4", 4096).id());
        google.seedFile(user.username(), null, "outside.mp4", 4096); // another folder: not the sync's
        google.deleteFile(seeded.get(1).id());
        Map<String, Long> before = google.driveCalls();

        SyncOutcome second = runner.run(sync.id(), true).await().atMost(WITHIN);

        Map<String, Long> calls = delta(before, google.driveCalls());
        assertThat(second.run().status()).as(second.run().error()).isEqualTo(SyncRun.SUCCEEDED);
        assertThat(second.run().mode()).isEqualTo(SyncRun.INCREMENTAL);
        assertThat(calls.getOrDefault("files.list", 0L) + calls.getOrDefault("changes.list", 0L))
                .as("Drive list calls %s", calls).isLessThanOrEqualTo(3);
        assertThat(calls.values().stream().mapToLong(Long::longValue).sum()).as("all Drive calls %s", calls)
                .isEqualTo(second.run().driveCalls());
        assertThat(second.run().addedCount()).isEqualTo(3);
        List<String> files = SyncFixtures.jobFiles(sync.id());
        assertThat(files).hasSize(12).doesNotHaveDuplicates().containsAll(added);
    }

    @Test
    void aChangesTokenDriveRefusesFallsBackToAFullRescan() {
        FolderSync sync = SyncFixtures.create(store, user.username(), folder, 100);
        runner.run(sync.id(), true).await().atMost(WITHIN);
        String late = google.seedFile(user.username(), folder, "late.mp4", 4096).id();
        SyncFixtures.token(sync.id(), "999999999");

        SyncOutcome rescan = runner.run(sync.id(), true).await().atMost(WITHIN);

        assertThat(rescan.run().status()).as(rescan.run().error()).isEqualTo(SyncRun.SUCCEEDED);
        assertThat(rescan.run().mode()).isEqualTo(SyncRun.FULL);
        assertThat(rescan.run().warnings()).anyMatch(w -> w.startsWith("full rescan: Drive refused the page token"));
        assertThat(rescan.run().addedCount()).isEqualTo(1);
        assertThat(rescan.run().skippedCount()).as("already queued").isEqualTo(9);
        assertThat(SyncFixtures.jobFiles(sync.id())).contains(late).hasSize(10);
        FolderSync after = store.find(null, sync.id()).await().atMost(WITHIN);
        assertThat(after.changesPageToken()).isNotEqualTo("999999999").isNotNull();
    }

    @Test
    void aRunAskedForWithFullRescansAndMaxFilesPerRunLeavesTheRestForTheNextRun() {
        FolderSync sync = SyncFixtures.create(store, user.username(), folder, 4);
        store.requestRun(sync.id(), false, java.time.Instant.now()).await().atMost(WITHIN);

        List<SyncOutcome> tick = scheduler.runDue().await().atMost(WITHIN);

        assertThat(tick).singleElement().satisfies(o -> {
            assertThat(o.run().trigger()).isEqualTo("manual");
            assertThat(o.run().addedCount()).isEqualTo(4);
            assertThat(o.run().warnings()).anyMatch(w -> w.contains("5 new videos over maxFilesPerRun 4"));
        });
        FolderSync after = store.find(null, sync.id()).await().atMost(WITHIN);
        assertThat(after.changesPageToken()).as("the next run scans fully for the rest").isNull();

        store.requestRun(sync.id(), true, java.time.Instant.now()).await().atMost(WITHIN);
        SyncOutcome second = scheduler.runDue().await().atMost(WITHIN).get(0);
        assertThat(second.run().fullRequested()).isTrue();
        assertThat(second.run().mode()).isEqualTo(SyncRun.FULL);
        assertThat(second.run().addedCount()).isEqualTo(4);
        assertThat(SyncFixtures.jobFiles(sync.id())).hasSize(8).doesNotHaveDuplicates();
        assertThat(scheduler.runDue().await().atMost(WITHIN)).as("nothing due, nothing asked for").isEmpty();
    }

    @Test
    void aRunWhoseDriveFailsIsRecordedAsFailedAndKeepsItsToken() {
        FolderSync sync = SyncFixtures.create(store, user.username(), folder, 100);
        runner.run(sync.id(), true).await().atMost(WITHIN);
        String token = store.find(null, sync.id()).await().atMost(WITHIN).changesPageToken();
        google.injectFault("api", 20, 403);

        SyncOutcome failed = runner.run(sync.id(), true).await().atMost(WITHIN);

        assertThat(failed.failed()).isTrue();
        assertThat(failed.run().error()).startsWith("Drive answered 403");
        assertThat(store.find(null, sync.id()).await().atMost(WITHIN).changesPageToken()).isEqualTo(token);
        assertThat(store.runs(sync.id(), 10).await().atMost(WITHIN)).extracting(SyncRun::status)
                .containsExactly(SyncRun.FAILED, SyncRun.SUCCEEDED);
    }

    static Map<String, Long> delta(Map<String, Long> before, Map<String, Long> after) {
        return after.entrySet().stream().filter(e -> e.getValue() - before.getOrDefault(e.getKey(), 0L) > 0)
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue() - before.getOrDefault(e.getKey(), 0L)));
    }
}
