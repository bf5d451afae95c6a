package dev.vidferry.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.client.http.HttpResponse;
import com.google.api.client.http.InputStreamContent;
import com.google.api.services.drive.Drive;
import com.google.api.services.drive.model.File;
import com.google.api.services.youtube.YouTube;

import dev.vidferry.emulator.http.Json;

/**
 * Issue #9 controls, through the official clients: a file's content replaced (new head revision, modifiedTime, md5),
 * Drive downloads answering a Range wrongly or flipping a byte, and an account without a YouTube channel.
 */
class RevisionsAndMisbehaviourTest {

    private static final String FIELDS = "id,size,md5Checksum,headRevisionId,modifiedTime";

    private static String seedFile(JsonNode user, long size) {
        JsonNode created = TestEmulator.call("POST", "/_emulator/files", Json.object()
                .put("owner", user.get("username").asText()).put("name", "clip.mp4").put("size", size));
        return created.get(0).get("id").asText();
    }

    private static byte[] download(Drive drive, String id, String range) throws Exception {
        Drive.Files.Get get = drive.files().get(id);
        if (range != null) {
            get.getRequestHeaders().setRange(range);
        }
        try (InputStream in = get.executeMediaAsInputStream()) {
            return in.readAllBytes();
        }
    }

    private static String md5(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
    }

    @Test
    void replacingAFilesContentGivesANewHeadRevisionModifiedTimeAndMd5OfTheSameSize() throws Exception {
        JsonNode user = TestEmulator.newUser("rev");
        Drive drive = TestEmulator.drive(user);
        String id = seedFile(user, 300_000);
        File before = drive.files().get(id).setFields(FIELDS).execute();

        JsonNode replaced = TestEmulator.call("PUT", "/_emulator/files/" + id + "/content", Json.object().put("seed", 99));
        File after = drive.files().get(id).setFields(FIELDS).execute();

        assertThat(after.getSize()).isEqualTo(before.getSize());
        assertThat(after.getHeadRevisionId()).isNotEqualTo(before.getHeadRevisionId());
        assertThat(after.getModifiedTime().getValue()).isGreaterThan(before.getModifiedTime().getValue());
        assertThat(after.getMd5Checksum()).isNotEqualTo(before.getMd5Checksum())
                .isEqualTo(replaced.get("md5").asText());
        assertThat(md5(download(drive, id, null))).isEqualTo(after.getMd5Checksum());
    }

    @Test
    void aRangedDownloadIs206WithAContentRangeAtTheAskedByteUnlessARangeFaultIsInjected() throws Exception {
        JsonNode user = TestEmulator.newUser("range");
        Drive drive = TestEmulator.drive(user);
        String id = seedFile(user, 100_000);
        byte[] whole = download(drive, id, null);

        Drive.Files.Get honest = drive.files().get(id);
        honest.getRequestHeaders().setRange("bytes=1000-");
        HttpResponse ok = honest.executeMedia();
        assertThat(ok.getStatusCode()).isEqualTo(206);
        assertThat(ok.getHeaders().getContentRange()).isEqualTo("bytes 1000-99999/100000");
        ok.disconnect();

        TestEmulator.call("POST", "/_emulator/faults", Json.object().put("target", "drive-media").put("range", "ignore"));
        Drive.Files.Get ignored = drive.files().get(id);
        ignored.getRequestHeaders().setRange("bytes=1000-");
        HttpResponse full = ignored.executeMedia();
        assertThat(full.getStatusCode()).isEqualTo(200);
        assertThat(full.getContent().readAllBytes()).isEqualTo(whole);

        TestEmulator.call("POST", "/_emulator/faults", Json.object().put("target", "drive-media").put("range", "shift"));
        Drive.Files.Get shifted = drive.files().get(id);
        shifted.getRequestHeaders().setRange("bytes=1000-");
        HttpResponse early = shifted.executeMedia();
        assertThat(early.getStatusCode()).isEqualTo(206);
        assertThat(early.getHeaders().getContentRange()).isEqualTo("bytes 999-99999/100000");
        early.disconnect();
    }

    @Test
    void aCorruptionFaultFlipsExactlyOneByteOfTheDownload() throws Exception {
        JsonNode user = TestEmulator.newUser("flip");
        Drive drive = TestEmulator.drive(user);
        String id = seedFile(user, 50_000);
        byte[] whole = download(drive, id, null);
        TestEmulator.call("POST", "/_emulator/faults", Json.object().put("target", "drive-media").put("corruptAt", 777));

        byte[] corrupt = download(drive, id, null);

        assertThat(corrupt).hasSameSizeAs(whole);
        int differing = 0;
        for (int i = 0; i < whole.length; i++) {
            differing += whole[i] != corrupt[i] ? 1 : 0;
        }
        assertThat(differing).isEqualTo(1);
        assertThat(corrupt[777]).isNotEqualTo(whole[777]);
    }

    @Test
    void anAccountWithoutAChannelGets401YoutubeSignupRequiredOnUploadAndNoChannelOfItsOwn() throws Exception {
        JsonNode user = TestEmulator.newUser("nochan");
        TestEmulator.call("PUT", "/_emulator/users/" + user.get("username").asText() + "/channel",
                Json.object().put("exists", false));
        YouTube yt = TestEmulator.youtube(user);
        InputStreamContent media = new InputStreamContent("video/mp4", new java.io.ByteArrayInputStream(new byte[1000]));
        media.setLength(1000);
        YouTube.Videos.Insert insert = yt.videos().insert(List.of("snippet", "status"),
                YouTubeUploadTest.metadata("No channel"), media);

        // the JDK transport drops a 401's body when the request streamed one: the status is what the client sees
        assertThatThrownBy(insert::execute).isInstanceOfSatisfying(GoogleJsonResponseException.class,
                e -> assertThat(e.getStatusCode()).isEqualTo(401));
        java.net.http.HttpResponse<String> raw = TestEmulator.raw(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(TestEmulator.base() + "/upload/youtube/v3/videos?uploadType=resumable&part=snippet"))
                .header("Authorization", TestEmulator.bearer(user)).header("Content-Type", "application/json")
                .header("X-Upload-Content-Length", "1000")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"snippet\":{\"title\":\"x\"}}")));
        assertThat(raw.statusCode()).isEqualTo(401);
        JsonNode error = Json.parse(io.vertx.core.buffer.Buffer.buffer(raw.body())).get("error");
        assertThat(error.get("errors").get(0).get("reason").asText()).isEqualTo("youtubeSignupRequired");
        assertThat(error.get("errors").get(0).get("domain").asText()).isEqualTo("youtube.header");
        assertThat(yt.channels().list(List.of("id")).setMine(true).execute().getItems()).isNullOrEmpty();
    }
}
