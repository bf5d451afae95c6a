package dev.vidferry.platform.drive;

import static dev.vidferry.platform.drive.DriveEmulator.folder;
import static dev.vidferry.platform.drive.DriveEmulator.items;
import static dev.vidferry.platform.drive.FolderScannerTest.id;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.google.api.services.drive.Drive;

/**
 * 10,000 videos, in one folder and spread over 100 folders. Logs time and Drive calls; the time bound is generous
 * (the machine is shared), the call counts are exact.
 */
class LargeFolderScanTest {

    static final DriveEmulator GOOGLE = DriveEmulator.get();
    final FolderScanner scanner = new FolderScanner();

    @Test
    void tenThousandFilesInOneFolderTakeElevenCalls() throws Exception {
        DriveEmulator.User user = GOOGLE.newUser("big");
        Drive drive = GOOGLE.drive(user);
        String big = id(GOOGLE.seed(user, null, items().add(folder("Big", 10_000, "v-%05d.mp4"))), "Big");
        GOOGLE.files(user); // waits until the emulator has every md5 (it computes them after seeding)

        long t0 = System.nanoTime();
        FolderScan scan = scanner.scan(drive, ScanRequest.flat(big, 10_000));
        Duration took = Duration.ofNanos(System.nanoTime() - t0);

        System.out.printf("scan of 10,000 files in one folder: %d ms, %d Drive calls%n", took.toMillis(),
                scan.driveCalls());
        assertThat(scan.videos()).hasSize(10_000);
        assertThat(scan.videos()).allSatisfy(v -> assertThat(v.md5()).hasSize(32));
        assertThat(scan.driveCalls()).isEqualTo(11); // the root's get and 10 pages of 1000
        assertThat(took).isLessThan(Duration.ofSeconds(60));
    }

    @Test
    void tenThousandFilesInAHundredFoldersAreListedConcurrently() throws Exception {
        DriveEmulator.User user = GOOGLE.newUser("wide");
        Drive drive = GOOGLE.drive(user);
        ArrayNode children = items();
        for (int i = 0; i < 100; i++) {
            children.add(folder(String.format("f%03d", i), 100, "v-%03d.mp4"));
        }
        String wide = id(GOOGLE.seed(user, null, items().add(folder("Wide").set("children", children))), "Wide");
        GOOGLE.files(user); // waits until the emulator has every md5 (it computes them after seeding)

        long t0 = System.nanoTime();
        FolderScan scan = scanner.scan(drive, ScanRequest.recursive(wide, 10_000));
        Duration took = Duration.ofNanos(System.nanoTime() - t0);

        System.out.printf("scan of 10,000 files in 100 folders: %d ms, %d Drive calls%n", took.toMillis(),
                scan.driveCalls());
        assertThat(scan.videos()).hasSize(10_000);
        assertThat(scan.foldersScanned()).isEqualTo(101);
        assertThat(scan.driveCalls()).isEqualTo(102);
        assertThat(scan.videos().get(0).folderPath()).isEqualTo("f000");
        assertThat(scan.videos().get(9_999).folderPath()).isEqualTo("f099");
        assertThat(took).isLessThan(Duration.ofSeconds(60));
    }
}
