package dev.vidferry.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.client.googleapis.media.MediaHttpUploader;
import com.google.api.client.http.InputStreamContent;
import com.google.api.services.youtube.YouTube;
import com.google.api.services.youtube.model.Video;
import com.google.api.services.youtube.model.VideoSnippet;
import com.google.api.services.youtube.model.VideoStatus;

import dev.vidferry.emulator.http.Json;

class YouTubeUploadTest {

    static Video metadata(String title) {
        return new Video().setSnippet(new VideoSnippet().setTitle(title).setDescription("from Drive")
                .setTags(List.of("vidferry", "a tag")).setCategoryId("22"))
                .setStatus(new VideoStatus().setPrivacyStatus("unlisted").setSelfDeclaredMadeForKids(false));
    }

    static JsonNode emulatorVideo(String id) {
        for (JsonNode v : TestEmulator.call("GET", "/_emulator/videos", null)) {
            if (v.get("id").asText().equals(id)) {
                return v;
            }
        }
        throw new AssertionError("video " + id + " not in emulator");
    }

    @Test
    void resumableUploadSurvivesAnInjected503MidWay() throws Exception {
        JsonNode user = TestEmulator.newUser("yt");
        YouTube yt = TestEmulator.youtube(user);
        long size = 10L << 20;
        InputStreamContent media = new InputStreamContent("video/mp4", new SyntheticInputStream(11, size));
        media.setLength(size);
        YouTube.Videos.Insert insert = yt.videos().insert(List.of("snippet", "status"), metadata("Holiday"), media);
        MediaHttpUploader uploader = insert.getMediaHttpUploader();
        uploader.setDirectUploadEnabled(false);
        uploader.setChunkSize(4 * MediaHttpUploader.MINIMUM_CHUNK_SIZE);
        AtomicBoolean injected = new AtomicBoolean();
        uploader.setProgressListener(u -> {
            if (u.getNumBytesUploaded() > size / 3 && injected.compareAndSet(false, true)) {
                TestEmulator.call("POST", "/_emulator/faults", Json.object().put("target", "upload-put").put("status", 503));
            }
        });
        Video uploaded = insert.execute();

        assertThat(injected).isTrue();
        assertThat(uploaded.getSnippet().getTitle()).isEqualTo("Holiday");
        assertThat(uploaded.getStatus().getUploadStatus()).isEqualTo("uploaded");
        JsonNode stored = emulatorVideo(uploaded.getId());
        assertThat(stored.get("md5").asText()).isEqualTo(SyntheticInputStream.md5Of(11, size));
        assertThat(stored.get("size").asLong()).isEqualTo(size);
        assertThat(stored.get("session").get("puts").asInt()).as("10 chunks, the 503, a status query").isEqualTo(12);
        assertThat(stored.get("channelId").asText()).isEqualTo(user.get("channelId").asText());
    }

    @Test
    void resumableUploadResumesAfterAConnectionResetMidChunk() throws Exception {
        JsonNode user = TestEmulator.newUser("reset");
        YouTube yt = TestEmulator.youtube(user);
        long size = 6L << 20;
        InputStreamContent media = new InputStreamContent("video/mp4", new SyntheticInputStream(12, size));
        media.setLength(size);
        YouTube.Videos.Insert insert = yt.videos().insert(List.of("snippet", "status"), metadata("Reset"), media);
        insert.setDisableGZipContent(true);
        insert.getMediaHttpUploader().setChunkSize(2 << 20);
        TestEmulator.call("POST", "/_emulator/faults", Json.object().put("target", "upload-put")
                .put("resetAfterBytes", 300_000));
        Video uploaded = insert.execute();
        assertThat(emulatorVideo(uploaded.getId()).get("md5").asText()).isEqualTo(SyntheticInputStream.md5Of(12, size));
    }

    @Test
    void resumableUploadOf100MiBInUnzipped8MiBChunksKeepsItsMd5() throws Exception {
        JsonNode user = TestEmulator.newUser("big");
        long size = 100L << 20;
        InputStreamContent media = new InputStreamContent("video/mp4", new SyntheticInputStream(13, size));
        media.setLength(size);
        YouTube.Videos.Insert insert = TestEmulator.youtube(user).videos()
                .insert(List.of("snippet", "status"), metadata("Big"), media);
        insert.setDisableGZipContent(true);
        insert.getMediaHttpUploader().setChunkSize(8 << 20);
        Video uploaded = insert.execute();
        assertThat(emulatorVideo(uploaded.getId()).get("md5").asText()).isEqualTo(SyntheticInputStream.md5Of(13, size));
    }

    @Test
    void resumableUploadOfUnknownLengthCompletesOnTheLastChunk() throws Exception {
        JsonNode user = TestEmulator.newUser("unknown");
        long size = 3L * MediaHttpUploader.MINIMUM_CHUNK_SIZE + 12345;
        InputStreamContent media = new InputStreamContent("video/mp4", new SyntheticInputStream(17, size));
        YouTube.Videos.Insert insert = TestEmulator.youtube(user).videos()
                .insert(List.of("snippet", "status"), metadata("Streamed"), media);
        insert.setDisableGZipContent(true);
        insert.getMediaHttpUploader().setChunkSize(MediaHttpUploader.MINIMUM_CHUNK_SIZE);
        Video uploaded = insert.execute();
        JsonNode stored = emulatorVideo(uploaded.getId());
        assertThat(stored.get("size").asLong()).isEqualTo(size);
        assertThat(stored.get("md5").asText()).isEqualTo(SyntheticInputStream.md5Of(17, size));
    }

    @Test
    void multipartUploadStoresMetadataAndMedia() throws Exception {
        JsonNode user = TestEmulator.newUser("multi");
        long size = 3L << 20;
        InputStreamContent media = new InputStreamContent("video/mp4", new SyntheticInputStream(14, size));
        media.setLength(size);
        YouTube.Videos.Insert insert = TestEmulator.youtube(user).videos()
                .insert(List.of("snippet", "status"), metadata("Direct"), media);
        insert.getMediaHttpUploader().setDirectUploadEnabled(true);
        Video uploaded = insert.execute();
        JsonNode stored = emulatorVideo(uploaded.getId());
        assertThat(stored.get("uploadType").asText()).isEqualTo("multipart");
        assertThat(stored.get("md5").asText()).isEqualTo(SyntheticInputStream.md5Of(14, size));
        assertThat(stored.get("snippet").get("tags")).hasSize(2);
    }

    @Test
    void videosListReturnsTheUploadedVideoWithSnippetAndStatus() throws Exception {
        JsonNode user = TestEmulator.newUser("list");
        YouTube yt = TestEmulator.youtube(user);
        InputStreamContent media = new InputStreamContent("video/mp4", new SyntheticInputStream(15, 300_000));
        media.setLength(300_000);
        Video uploaded = yt.videos().insert(List.of("snippet", "status"), metadata("Listed"), media).execute();

        List<Video> found = yt.videos().list(List.of("id", "snippet", "status")).setId(List.of(uploaded.getId(), "missing"))
                .execute().getItems();
        assertThat(found).hasSize(1);
        assertThat(found.get(0).getSnippet().getChannelId()).isEqualTo(user.get("channelId").asText());
        assertThat(found.get(0).getStatus().getPrivacyStatus()).isEqualTo("unlisted");
        assertThat(yt.channels().list(List.of("snippet", "contentDetails")).setMine(true).execute().getItems().get(0)
                .getContentDetails().getRelatedPlaylists().getUploads()).isEqualTo(user.get("uploadsPlaylistId").asText());
    }

    @Test
    void invalidMetadataIsRejectedWithYouTubesReasons() {
        JsonNode user = TestEmulator.newUser("invalid");
        YouTube yt = TestEmulator.youtube(user);
        assertThat(insertFailure(yt, metadata("a <b> title"))).isEqualTo("invalidTitle");
        assertThat(insertFailure(yt, metadata("x".repeat(101)))).isEqualTo("invalidTitle");
        Video longTags = metadata("ok");
        longTags.getSnippet().setTags(List.of("t".repeat(250), "u".repeat(250)));
        assertThat(insertFailure(yt, longTags)).isEqualTo("invalidTags");
        Video publicScheduled = metadata("ok");
        publicScheduled.getStatus().setPrivacyStatus("public")
                .setPublishAt(new com.google.api.client.util.DateTime("2099-01-01T00:00:00Z"));
        assertThat(insertFailure(yt, publicScheduled)).isEqualTo("invalidPublishAt");
        Video badCategory = metadata("ok");
        badCategory.getSnippet().setCategoryId("18");
        assertThat(insertFailure(yt, badCategory)).isEqualTo("invalidCategoryId");
    }

    private static String insertFailure(YouTube yt, Video video) {
        InputStreamContent media = new InputStreamContent("video/mp4", new SyntheticInputStream(1, 1000));
        media.setLength(1000);
        try {
            yt.videos().insert(List.of("snippet", "status"), video, media).execute();
            throw new AssertionError("insert succeeded");
        } catch (GoogleJsonResponseException e) {
            assertThat(e.getStatusCode()).isEqualTo(400);
            return e.getDetails().getErrors().get(0).getReason();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void playlistsThumbnailsAndDeleteWorkThroughTheOfficialClient() throws Exception {
        JsonNode user = TestEmulator.call("POST", "/_emulator/users", Json.object().put("username", "pl" + System.nanoTime())
                .put("scopes", "https://www.googleapis.com/auth/youtube https://www.googleapis.com/auth/youtube.upload"));
        YouTube yt = TestEmulator.youtube(user);
        InputStreamContent media = new InputStreamContent("video/mp4", new SyntheticInputStream(16, 1000));
        media.setLength(1000);
        Video video = yt.videos().insert(List.of("snippet", "status"), metadata("In a playlist"), media).execute();

        com.google.api.services.youtube.model.Playlist playlist = yt.playlists().insert(List.of("snippet", "status"),
                new com.google.api.services.youtube.model.Playlist().setSnippet(
                        new com.google.api.services.youtube.model.PlaylistSnippet().setTitle("Imports")))
                .execute();
        yt.playlistItems().insert(List.of("snippet"), new com.google.api.services.youtube.model.PlaylistItem()
                .setSnippet(new com.google.api.services.youtube.model.PlaylistItemSnippet().setPlaylistId(playlist.getId())
                        .setResourceId(new com.google.api.services.youtube.model.ResourceId().setKind("youtube#video")
                                .setVideoId(video.getId()))))
                .execute();
        assertThat(yt.playlistItems().list(List.of("snippet")).setPlaylistId(playlist.getId()).execute().getItems())
                .extracting(i -> i.getSnippet().getResourceId().getVideoId()).containsExactly(video.getId());

        com.google.api.client.http.ByteArrayContent jpeg = new com.google.api.client.http.ByteArrayContent("image/jpeg",
                new byte[2048]);
        assertThat(yt.thumbnails().set(video.getId(), jpeg).execute().getItems()).hasSize(1);

        yt.videos().delete(video.getId()).execute();
        assertThat(yt.videos().list(List.of("id")).setId(List.of(video.getId())).execute().getItems()).isEmpty();
    }

    @Test
    void insertWithoutYouTubeScopeIsForbidden() {
        JsonNode user = TestEmulator.call("POST", "/_emulator/users", Json.object().put("username", "scope" + System.nanoTime())
                .put("scopes", "https://www.googleapis.com/auth/drive.readonly"));
        InputStreamContent media = new InputStreamContent("video/mp4", new SyntheticInputStream(1, 1000));
        assertThatThrownBy(() -> TestEmulator.youtube(user).videos().insert(List.of("snippet"), metadata("x"), media).execute())
                .isInstanceOfSatisfying(GoogleJsonResponseException.class,
                        e -> assertThat(e.getDetails().getErrors().get(0).getReason()).isEqualTo("insufficientPermissions"));
    }
}
