package dev.vidferry.platform.drive;

import static dev.vidferry.platform.drive.DriveEmulator.file;
import static dev.vidferry.platform.drive.DriveEmulator.folder;
import static dev.vidferry.platform.drive.DriveEmulator.items;
import static dev.vidferry.platform.drive.DriveEmulator.shortcut;
import static dev.vidferry.platform.drive.DriveEmulator.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.google.api.services.drive.Drive;

import dev.vidferry.model.folder.FileOverrides;
import dev.vidferry.model.metadata.PrivacyStatus;

/**
 * A 3-level tree of 120 videos with shortcuts (to a file, to a shared-drive folder, to an ancestor, to nothing),
 * non-videos, two sidecars (one bad) and a manifest, scanned through the official Drive client against the emulator.
 */
class FolderScannerTest {

    static final DriveEmulator GOOGLE = DriveEmulator.get();
    static DriveEmulator.User user;
    static Drive drive;
    static String library;
    static String promo;
    static String sharedDrive;
    static Map<String, String> ids = new HashMap<>();

    final FolderScanner scanner = new FolderScanner(8, Clock.fixed(Instant.parse("2026-12-01T12:00:00Z"), ZoneOffset.UTC));

    static String id(ArrayNode created, String name) {
        return StreamSupport.stream(created.spliterator(), false).filter(n -> n.get("name").asText().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("not seeded: " + name)).get("id").asText();
    }

    @BeforeAll
    static void seed() {
        user = GOOGLE.newUser("scan");
        drive = GOOGLE.drive(user);
        library = id(GOOGLE.seed(user, null, items().add(folder("Library"))), "Library");
        ArrayNode tree = GOOGLE.seed(user, library, items()
                .add(file("intro.mp4", "video/mp4"))
                .add(text("intro.json", "application/json", "{\"title\":\"Welcome\",\"tags\":[\"a\",\"b\"]}"))
                .add(file("notes.txt", "text/plain"))
                .add(file("raw.MKV", "application/octet-stream"))
                .add(text("orphan.json", "application/json", "{\"title\":\"nobody's\"}"))
                .add(DriveEmulator.JSON.createObjectNode().put("name", "plan")
                        .put("mimeType", "application/vnd.google-apps.document"))
                .add(folder("2025", 40, "video-%03d.mp4").set("children",
                        items().add(folder("Spring", 40, "spring-%03d.mp4"))))
                .add(folder("2026", 34, "clip-%03d.mov")));
        tree.forEach(n -> ids.put(n.get("name").asText(), n.get("id").asText()));
        String spring = ids.get("Spring");
        GOOGLE.seed(user, spring, items()
                .add(text("vidferry.csv", "text/csv", "filename,title,tags,privacyStatus,categoryId\n"
                        + "spring-001.mp4,Spring opener,a|b,unlisted,\n"
                        + "spring-002.mp4,,,,7\n"
                        + "spring-003.mp4,From the manifest,,,\n"))
                .add(text("spring-003.json", "application/json", "{\"privacyStatus\":\"secret\"}"))
                .add(shortcut("loop", library)));
        sharedDrive = GOOGLE.sharedDrive("Team Videos " + System.nanoTime(), user);
        promo = id(GOOGLE.seed(user, sharedDrive, items().add(folder("Promo", 3, "promo-%02d.mp4"))), "Promo");
        String temp = id(GOOGLE.seed(user, null, items().add(file("temp.mp4", "video/mp4"))), "temp.mp4");
        GOOGLE.seed(user, library, items()
                .add(shortcut("best.mp4", ids.get("video-001.mp4")))
                .add(shortcut("Team", promo))
                .add(shortcut("gone.mp4", temp)));
        GOOGLE.delete(temp);
    }

    private ScannedVideo video(FolderScan scan, String name) {
        return scan.videos().stream().filter(v -> v.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no video " + name));
    }

    @Test
    void findsEveryVideoOfTheTreeWithItsPathAndNoSidecarOrManifest() throws Exception {
        FolderScan scan = scanner.scan(drive, ScanRequest.recursive(library, 10_000));

        assertThat(scan.videos()).hasSize(120);
        assertThat(scan.videos()).extracting(ScannedVideo::name)
                .noneMatch(n -> n.endsWith(".json") || n.endsWith(".csv") || n.equals("notes.txt") || n.equals("plan"));
        assertThat(scan.nonVideos()).isEqualTo(3); // notes.txt, plan, orphan.json
        assertThat(scan.sidecars()).isEqualTo(2);
        assertThat(scan.manifests()).isEqualTo(1);
        assertThat(scan.foldersScanned()).isEqualTo(5); // Library, 2025, Spring, 2026, Team (shared drive)
        assertThat(scan.videosOverLimit()).isZero();

        assertThat(video(scan, "intro.mp4")).extracting(ScannedVideo::folderPath, ScannedVideo::folderName,
                ScannedVideo::rootFolderName).containsExactly("", "Library", "Library");
        assertThat(video(scan, "video-007.mp4")).extracting(ScannedVideo::folderPath, ScannedVideo::folderName)
                .containsExactly("2025", "2025");
        assertThat(video(scan, "spring-040.mp4")).extracting(ScannedVideo::folderPath, ScannedVideo::folderName,
                ScannedVideo::rootFolderName).containsExactly("2025/Spring", "Spring", "Library");
        assertThat(video(scan, "clip-034.mov").folderPath()).isEqualTo("2026");
        assertThat(video(scan, "raw.MKV").mimeType()).isEqualTo("application/octet-stream");
    }

    @Test
    void takesSizeMd5AndRevisionFromTheListWithoutAGetPerFile() throws Exception {
        FolderScan scan = scanner.scan(drive, ScanRequest.recursive(library, 10_000));

        Map<String, JsonNode> truth = new HashMap<>();
        GOOGLE.files(user).forEach(f -> truth.put(f.get("id").asText(), f));
        for (ScannedVideo v : scan.videos()) {
            JsonNode t = truth.get(v.fileId());
            assertThat(v.md5()).as(v.name()).isEqualTo(t.get("md5").asText());
            assertThat(v.size()).as(v.name()).isEqualTo(t.get("size").asLong());
            assertThat(v.revision()).as(v.name()).isNotBlank();
            assertThat(v.modifiedTime()).as(v.name()).isNotNull();
        }
        // 1 get of the root, 5 folder lists, 2 shortcut targets, 2 sidecars and 1 manifest downloaded
        assertThat(scan.driveCalls()).isEqualTo(11);
    }

    @Test
    void resolvesShortcutsToTheirTargetsAndFollowsOneIntoASharedDrive() throws Exception {
        FolderScan scan = scanner.scan(drive, ScanRequest.recursive(library, 10_000));

        ScannedVideo best = video(scan, "best.mp4");
        ScannedVideo original = video(scan, "video-001.mp4");
        assertThat(best.fileId()).isEqualTo(original.fileId());
        assertThat(best.shortcutId()).isNotNull().isNotEqualTo(best.fileId());
        assertThat(best.md5()).isEqualTo(original.md5());
        assertThat(best.folderPath()).isEmpty();

        ScannedVideo promoVideo = video(scan, "promo-02.mp4");
        assertThat(promoVideo.folderPath()).isEqualTo("Team");
        assertThat(promoVideo.driveId()).isEqualTo(sharedDrive);
        assertThat(promoVideo.md5()).hasSize(32);
        assertThat(scan.folders().contains(promo)).isTrue();
    }

    @Test
    void aShortcutToAnAncestorIsACycleWarningAndADanglingShortcutIsAWarning() throws Exception {
        FolderScan scan = scanner.scan(drive, ScanRequest.recursive(library, 10_000));

        assertThat(scan.warnings()).anyMatch(w -> w.startsWith("folder shortcut 2025/Spring/loop leads to a folder "
                + "already scanned"));
        assertThat(scan.warnings()).anyMatch(w -> w.startsWith("shortcut gone.mp4 points at a file that is gone"));
        assertThat(scan.videos()).extracting(ScannedVideo::name).doesNotContain("gone.mp4").doesNotHaveDuplicates();
    }

    @Test
    void sidecarsAndManifestRowsOverrideOrSkipOnlyTheirOwnFile() throws Exception {
        FolderScan scan = scanner.scan(drive, ScanRequest.recursive(library, 10_000));

        assertThat(video(scan, "intro.mp4").overrides())
                .isEqualTo(new FileOverrides("Welcome", null, List.of("a", "b"), null, null, null, null, null));
        ScannedVideo opener = video(scan, "spring-001.mp4");
        assertThat(opener.skipReason()).isNull();
        assertThat(opener.overrides()).isEqualTo(new FileOverrides("Spring opener", null, List.of("a", "b"), null,
                PrivacyStatus.UNLISTED, null, null, null));
        assertThat(video(scan, "spring-002.mp4").skipReason().wire()).isEqualTo("bad_sidecar: categoryId");
        assertThat(video(scan, "spring-003.mp4").skipReason().wire()).isEqualTo("bad_sidecar: privacyStatus");
        assertThat(scan.videos()).filteredOn(v -> v.skipReason() != null).hasSize(2);
        assertThat(scan.videos()).filteredOn(v -> v.overrides() != null).extracting(ScannedVideo::name)
                .containsExactlyInAnyOrder("intro.mp4", "spring-001.mp4");
    }

    @Test
    void videosComeInFolderPathThenNameOrderAndMaxFilesKeepsTheFirst() throws Exception {
        FolderScan all = scanner.scan(drive, ScanRequest.recursive(library, 10_000));
        FolderScan ten = scanner.scan(drive, ScanRequest.recursive(library, 10));

        assertThat(all.videos().stream().map(ScannedVideo::folderPath).distinct())
                .containsExactly("", "2025", "2025/Spring", "2026", "Team");
        assertThat(all.videos().subList(0, 5)).extracting(ScannedVideo::name)
                .containsExactly("best.mp4", "intro.mp4", "raw.MKV", "video-001.mp4", "video-002.mp4");
        assertThat(ten.videos()).isEqualTo(all.videos().subList(0, 10));
        assertThat(ten.videosOverLimit()).isEqualTo(110);
    }

    @Test
    void aFlatScanListsOnlyTheFolderItselfAndADepthLimitStopsDescending() throws Exception {
        FolderScan flat = scanner.scan(drive, ScanRequest.flat(library, 10_000));
        FolderScan shallow = scanner.scan(drive, new ScanRequest(library, true, 10_000, 1));

        assertThat(flat.videos()).extracting(ScannedVideo::name).containsExactly("best.mp4", "intro.mp4", "raw.MKV");
        assertThat(flat.foldersScanned()).isEqualTo(1);
        assertThat(shallow.videos()).noneMatch(v -> v.folderPath().startsWith("2025/Spring"));
        assertThat(shallow.videos()).anyMatch(v -> v.folderPath().equals("2025"));
        assertThat(shallow.warnings()).contains("folder 2025/Spring is deeper than 1 levels: not scanned");
    }

    @Test
    void aSharedDriveFolderCanBeTheRoot() throws Exception {
        FolderScan scan = scanner.scan(drive, ScanRequest.recursive(promo, 100));

        assertThat(scan.videos()).extracting(ScannedVideo::name).containsExactly("promo-01.mp4", "promo-02.mp4",
                "promo-03.mp4");
        assertThat(scan.folders().driveId()).isEqualTo(sharedDrive);
        assertThat(scan.folders().rootName()).isEqualTo("Promo");
    }

    @Test
    void rootMeansMyDrive() throws Exception {
        FolderScan scan = scanner.scan(drive, ScanRequest.flat("root", 100));

        assertThat(scan.folders().rootId()).isEqualTo(user.rootFolderId());
        assertThat(scan.folders().rootName()).isEqualTo("My Drive");
    }

    @Test
    void anUnknownFolderOrAFileIsNotAFolder() {
        assertThatThrownBy(() -> scanner.scan(drive, ScanRequest.flat("nope'\\", 10)))
                .isInstanceOf(FolderNotFoundException.class);
        assertThatThrownBy(() -> scanner.scan(drive, ScanRequest.flat(ids.get("intro.mp4"), 10)))
                .isInstanceOf(FolderNotFoundException.class).hasMessageContaining("not a folder");
    }

    @Test
    void folderIdsAreEscapedInTheQuery() {
        assertThat(DriveQueries.childrenOf("a'b\\c")).isEqualTo("'a\\'b\\\\c' in parents and trashed = false");
    }
}
