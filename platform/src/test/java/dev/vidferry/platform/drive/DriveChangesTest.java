package dev.vidferry.platform.drive;

import static dev.vidferry.platform.drive.DriveEmulator.file;
import static dev.vidferry.platform.drive.DriveEmulator.folder;
import static dev.vidferry.platform.drive.DriveEmulator.items;
import static dev.vidferry.platform.drive.DriveEmulator.text;
import static dev.vidferry.platform.drive.FolderScannerTest.id;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.google.api.services.drive.Drive;

/** Incremental runs over Drive's changes API, through the official client against the emulator. */
class DriveChangesTest {

    static final DriveEmulator GOOGLE = DriveEmulator.get();
    final Clock clock = Clock.fixed(Instant.parse("2026-12-01T12:00:00Z"), ZoneOffset.UTC);
    final FolderScanner scanner = new FolderScanner(8, clock);
    final DriveChanges changes = new DriveChanges(clock);

    DriveEmulator.User user;
    Drive drive;
    String sync;
    String sub;
    ArrayNode seeded;

    @BeforeEach
    void tree() {
        user = GOOGLE.newUser("changes");
        drive = GOOGLE.drive(user);
        sync = id(GOOGLE.seed(user, null, items().add(folder("Sync")).add(folder("Elsewhere"))), "Sync");
        seeded = GOOGLE.seed(user, sync, items().add(folder("A", 5, "a-%02d.mp4")).add(file("top.mp4", "video/mp4")));
        sub = id(seeded, "A");
    }

    @Test
    void anIncrementalRunReportsExactlyTheAddedAndDeletedFilesUnderTheTree() throws Exception {
        DriveChanges.StartToken start = changes.startToken(drive, null);
        FolderScan full = scanner.scan(drive, ScanRequest.recursive(sync, 1000));
        assertThat(full.videos()).hasSize(6);

        String elsewhere = id(GOOGLE.seed(user, null, items().add(folder("Elsewhere2"))), "Elsewhere2");
        GOOGLE.seed(user, elsewhere, items().add(file("not-mine.mp4", "video/mp4")));
        GOOGLE.seed(user, sub, items().add(file("a-06.mp4", "video/mp4"))
                .add(text("a-06.json", "application/json", "{\"title\":\"Six\"}")));
        ArrayNode fresh = GOOGLE.seed(user, sync, items().add(folder("New").set("children", items()))
                .add(file("top-2.mp4", "video/mp4")));
        GOOGLE.seed(user, id(fresh, "New"), items().add(file("new-1.mp4", "video/mp4")));
        String deleted = id(seeded, "a-03.mp4");
        GOOGLE.delete(deleted);

        ChangesResult result = changes.since(drive, start.token(), full.folders());

        assertThat(result).isInstanceOf(ChangesResult.Changes.class);
        ChangesResult.Changes c = (ChangesResult.Changes) result;
        assertThat(c.videos()).extracting(v -> v.folderPath() + "|" + v.name())
                .containsExactly("|top-2.mp4", "A|a-06.mp4", "New|new-1.mp4");
        assertThat(c.videos().get(1).overrides().title()).isEqualTo("Six");
        assertThat(c.videos()).allSatisfy(v -> {
            assertThat(v.md5()).hasSize(32);
            assertThat(v.rootFolderName()).isEqualTo("Sync");
        });
        assertThat(c.removedFileIds()).containsExactly(deleted);
        assertThat(c.folders().contains(id(fresh, "New"))).isTrue();
        assertThat(c.folders().folder(id(fresh, "New")).path()).isEqualTo("New");
        assertThat(c.driveCalls()).as("one changes page and one sidecar download").isLessThanOrEqualTo(3);

        ChangesResult again = changes.since(drive, c.newStartPageToken(), c.folders());
        assertThat(((ChangesResult.Changes) again).videos()).isEmpty();
        assertThat(again.driveCalls()).isEqualTo(1);
    }

    @Test
    void aTrashedFolderLeavesTheIndexAndATrashedVideoIsRemoved() throws Exception {
        DriveChanges.StartToken start = changes.startToken(drive, null);
        FolderScan full = scanner.scan(drive, ScanRequest.recursive(sync, 1000));
        String top = id(seeded, "top.mp4");
        GOOGLE.call("POST", "/_emulator/files/" + top + "/trash", DriveEmulator.JSON.createObjectNode());
        GOOGLE.call("POST", "/_emulator/files/" + sub + "/trash", DriveEmulator.JSON.createObjectNode());

        ChangesResult.Changes c = (ChangesResult.Changes) changes.since(drive, start.token(), full.folders());

        assertThat(c.removedFileIds()).containsExactly(top);
        assertThat(c.folders().contains(sub)).isFalse();
        assertThat(c.folders().contains(sync)).isTrue();
    }

    @Test
    void aSharedDriveSyncReadsThatDrivesChanges() throws Exception {
        String driveId = GOOGLE.sharedDrive("Team " + System.nanoTime(), user);
        String promo = id(GOOGLE.seed(user, driveId, items().add(folder("Promo", 2, "p-%02d.mp4"))), "Promo");
        FolderScan full = scanner.scan(drive, ScanRequest.recursive(promo, 100));
        DriveChanges.StartToken start = changes.startToken(drive, full.folders().driveId());

        GOOGLE.seed(user, promo, items().add(file("p-03.mp4", "video/mp4")));
        GOOGLE.seed(user, null, items().add(file("my-drive.mp4", "video/mp4")));

        ChangesResult.Changes c = (ChangesResult.Changes) changes.since(drive, start.token(), full.folders());
        assertThat(c.videos()).extracting(ScannedVideo::name).containsExactly("p-03.mp4");
        assertThat(c.videos().get(0).driveId()).isEqualTo(driveId);
    }

    @Test
    void aRenamedVideoUnderTheTreeIsReportedAsChanged() throws Exception {
        DriveChanges.StartToken start = changes.startToken(drive, null);
        FolderScan full = scanner.scan(drive, ScanRequest.recursive(sync, 1000));
        String a1 = id(seeded, "a-01.mp4");

        GOOGLE.call("PATCH", "/_emulator/files/" + a1, DriveEmulator.JSON.createObjectNode().put("name", "a-01-final.mp4"));

        ChangesResult.Changes c = (ChangesResult.Changes) changes.since(drive, start.token(), full.folders());
        assertThat(c.videos()).singleElement().satisfies(v -> {
            assertThat(v.fileId()).isEqualTo(a1);
            assertThat(v.name()).isEqualTo("a-01-final.mp4");
            assertThat(v.folderPath()).isEqualTo("A");
        });
    }

    @Test
    void anInvalidTokenAsksForAFullRescan() throws Exception {
        FolderScan full = scanner.scan(drive, ScanRequest.recursive(sync, 1000));

        ChangesResult result = changes.since(drive, "garbage-token", full.folders());

        assertThat(result).isInstanceOfSatisfying(ChangesResult.RescanNeeded.class, r -> {
            assertThat(r.reason()).contains("400");
            assertThat(r.driveCalls()).isEqualTo(1);
        });
    }
}
