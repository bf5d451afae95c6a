package dev.vidferry.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.services.drive.Drive;
import com.google.api.services.drive.model.File;
import com.google.api.services.drive.model.FileList;

import dev.vidferry.emulator.http.Json;

class DriveApiTest {

    static JsonNode user;
    static Drive drive;
    static String folderId;
    static String bigFileId;
    static String emptyFileId;

    @BeforeAll
    static void seed() {
        user = TestEmulator.newUser("drive");
        drive = TestEmulator.drive(user);
        JsonNode created = TestEmulator.call("POST", "/_emulator/files", Json.object()
                .put("owner", user.get("username").asText())
                .set("items", Json.array()
                        .add(Json.object().put("name", "Clips").set("files", Json.object().put("count", 23).put("size", 4096)))
                        .add(Json.object().put("name", "big.mp4").put("size", 100L << 20).put("seed", 7))
                        .add(Json.object().put("name", "empty.mp4").put("size", 0))));
        folderId = created.get(0).get("id").asText();
        bigFileId = created.get(24).get("id").asText();
        emptyFileId = created.get(25).get("id").asText();
    }

    @Test
    void filesListFollowsNextPageTokenAcrossShortAndEmptyPages() throws Exception {
        TestEmulator.call("PUT", "/_emulator/drive/short-pages", Json.object().put("enabled", true));
        try {
            List<String> names = new ArrayList<>();
            String token = null;
            int pages = 0;
            do {
                FileList page = drive.files().list().setQ("'" + folderId + "' in parents and trashed = false")
                        .setPageSize(5).setPageToken(token)
                        .setFields("nextPageToken,files(id,name,size,md5Checksum)").execute();
                page.getFiles().forEach(f -> names.add(f.getName()));
                token = page.getNextPageToken();
                pages++;
            } while (token != null);
            assertThat(names).hasSize(23).doesNotHaveDuplicates();
            assertThat(pages).isGreaterThan(5);
        } finally {
            TestEmulator.call("PUT", "/_emulator/drive/short-pages", Json.object().put("enabled", false));
        }
    }

    @Test
    void filesListWithoutFieldsOmitsSizeAndChecksumsLikeGoogle() throws Exception {
        FileList page = drive.files().list().setQ("'" + folderId + "' in parents").setPageSize(1000).execute();
        assertThat(page.getFiles()).hasSize(23);
        File f = page.getFiles().get(0);
        assertThat(f.getId()).isNotBlank();
        assertThat(f.getMimeType()).isEqualTo("video/mp4");
        assertThat(f.getSize()).isNull();
        assertThat(f.getMd5Checksum()).isNull();
    }

    @Test
    void filesGetAnswersOnlyKindIdNameMimeTypeWithoutFields() throws Exception {
        File f = drive.files().get(bigFileId).execute();
        assertThat(f.keySet()).containsExactlyInAnyOrder("kind", "id", "name", "mimeType");
    }

    @Test
    void filesGetWithFieldsAnswersSizeChecksumsAndCapabilities() throws Exception {
        File f = drive.files().get(bigFileId).setSupportsAllDrives(true)
                .setFields("id,name,size,md5Checksum,sha256Checksum,parents,videoMediaMetadata,capabilities(canDownload)")
                .execute();
        assertThat(f.getSize()).isEqualTo(100L << 20);
        assertThat(f.getMd5Checksum()).isEqualTo(SyntheticInputStream.md5Of(7, 100L << 20));
        assertThat(f.getSha256Checksum()).hasSize(64);
        assertThat(f.getCapabilities().getCanDownload()).isTrue();
        assertThat(f.getParents()).containsExactly(user.get("rootFolderId").asText());
        assertThat(f.getVideoMediaMetadata().getWidth()).isEqualTo(1920);
    }

    @Test
    void executeMediaAndDownloadToStreams100MiBInRangesWithMatchingMd5() throws Exception {
        MessageDigest md5 = MessageDigest.getInstance("MD5");
        try (OutputStream out = new DigestOutputStream(OutputStream.nullOutputStream(), md5)) {
            Drive.Files.Get get = drive.files().get(bigFileId);
            get.getMediaHttpDownloader().setChunkSize(32 << 20);
            get.executeMediaAndDownloadTo(out);
        }
        assertThat(HexFormat.of().formatHex(md5.digest())).isEqualTo(SyntheticInputStream.md5Of(7, 100L << 20));
    }

    @Test
    void executeMediaAsInputStreamUsesTheDownloadPath() throws Exception {
        try (InputStream in = drive.files().get(bigFileId).executeMediaAsInputStream()) {
            assertThat(in.readNBytes(1 << 20)).hasSize(1 << 20);
        }
    }

    @Test
    void rangeRequestAnswers206WithContentRangeAnd416PastTheEnd() throws Exception {
        String token = TestEmulator.bearer(user);
        HttpResponse<String> partial = TestEmulator.raw(HttpRequest.newBuilder(URI.create(TestEmulator.base()
                + "/drive/v3/files/" + bigFileId + "?alt=media")).header("Authorization", token)
                .header("Range", "bytes=100-199"));
        assertThat(partial.statusCode()).isEqualTo(206);
        assertThat(partial.headers().firstValue("Content-Range")).contains("bytes 100-199/" + (100L << 20));
        HttpResponse<String> empty = TestEmulator.raw(HttpRequest.newBuilder(URI.create(TestEmulator.base()
                + "/drive/v3/files/" + emptyFileId + "?alt=media")).header("Authorization", token).header("Range", "bytes=0-"));
        assertThat(empty.statusCode()).isEqualTo(416);
    }

    @Test
    void unknownFileAnswersGoogles404NotFound() {
        assertThatThrownBy(() -> drive.files().get("nope").execute())
                .isInstanceOfSatisfying(GoogleJsonResponseException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(404);
                    assertThat(e.getDetails().getErrors().get(0).getReason()).isEqualTo("notFound");
                    assertThat(e.getDetails().getMessage()).isEqualTo("File not found: nope.");
                });
    }

    @Test
    void sharedDriveItemsAppearOnlyWithSupportsAllDrives() throws Exception {
        String username = user.get("username").asText();
        JsonNode sd = TestEmulator.call("POST", "/_emulator/drives", Json.object().put("name", "Team")
                .set("members", Json.array().add(username)));
        JsonNode items = TestEmulator.call("POST", "/_emulator/files", Json.object().put("owner", username)
                .put("driveId", sd.get("id").asText()).put("name", "team.mp4").put("size", 1000));
        String id = items.get(0).get("id").asText();
        assertThatThrownBy(() -> drive.files().get(id).execute()).isInstanceOf(GoogleJsonResponseException.class);
        File f = drive.files().get(id).setSupportsAllDrives(true).setFields("id,driveId").execute();
        assertThat(f.getDriveId()).isEqualTo(sd.get("id").asText());
        FileList list = drive.files().list().setQ("name contains 'team'").setSupportsAllDrives(true)
                .setIncludeItemsFromAllDrives(true).setCorpora("allDrives").execute();
        assertThat(list.getFiles()).extracting(File::getId).contains(id);
    }

    @Test
    void shortcutsCarryTheirTarget() throws Exception {
        String username = user.get("username").asText();
        JsonNode items = TestEmulator.call("POST", "/_emulator/files", Json.object().put("owner", username)
                .put("name", "link").put("shortcutTo", bigFileId));
        File f = drive.files().get(items.get(0).get("id").asText()).setFields("mimeType,shortcutDetails").execute();
        assertThat(f.getMimeType()).isEqualTo("application/vnd.google-apps.shortcut");
        assertThat(f.getShortcutDetails().getTargetId()).isEqualTo(bigFileId);
    }

    @Test
    void throttledDownloadsAndAddedLatencySlowRequestsDown() throws Exception {
        String small = TestEmulator.call("POST", "/_emulator/files", Json.object().put("owner", user.get("username").asText())
                .put("name", "small.mp4").put("size", 1 << 20)).get(0).get("id").asText();
        TestEmulator.call("PUT", "/_emulator/throttle", Json.object().put("downloadBytesPerSecond", 2 << 20));
        TestEmulator.call("PUT", "/_emulator/latency", Json.object().put("millis", 200));
        try {
            long t0 = System.nanoTime();
            try (InputStream in = drive.files().get(small).executeMediaAsInputStream()) {
                assertThat(in.readAllBytes()).hasSize(1 << 20);
            }
            assertThat((System.nanoTime() - t0) / 1_000_000).isBetween(600L, 5_000L);
        } finally {
            TestEmulator.call("DELETE", "/_emulator/faults", null);
        }
    }

    @Test
    void clientsRefreshWhenTheEmulatedClockExpiresTheirAccessToken() throws Exception {
        drive.files().get(folderId).execute();
        TestEmulator.call("POST", "/_emulator/clock", Json.object().put("advance", "PT2H"));
        assertThat(drive.files().get(folderId).execute().getName()).isEqualTo("Clips");
    }

    @Test
    void driveMediaRetriesThroughAnInjected503() throws Exception {
        TestEmulator.call("POST", "/_emulator/faults", Json.object().put("target", "drive-media").put("status", 503));
        try (InputStream in = drive.files().get(bigFileId).executeMediaAsInputStream()) {
            assertThat(in.readNBytes(1024)).hasSize(1024);
        }
        assertThat(TestEmulator.call("GET", "/_emulator/faults", null).get("pending")).isEmpty();
    }
}
