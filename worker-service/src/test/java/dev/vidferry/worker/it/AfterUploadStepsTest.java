package dev.vidferry.worker.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import dev.vidferry.model.event.JobProgress;
import dev.vidferry.model.job.JobStage;
import dev.vidferry.model.job.JobStatus;
import dev.vidferry.model.metadata.Localization;
import dev.vidferry.model.metadata.VideoMetadata;
import dev.vidferry.platform.crypto.TokenCipher;

/**
 * The after-upload steps (stage {@code finishing}) against the emulator: the playlist by id and by title (created once
 * per channel), each booked in the quota ledger, resumed without duplicates, and a failed step only a warning.
 */
@QuarkusTest
@TestProfile(WorkerTestProfile.class)
class AfterUploadStepsTest {

    private static final long SIZE = 700 * 1024;

    @Inject
    TokenCipher cipher;

    @Test
    void aJobWithAPlaylistIdPutsTheVideoInThatPlaylistOnceAndBooksTheCalls() {
        Owner owner = Owner.create(cipher, YouTubeApi.WITH_AFTER_UPLOAD);
        YouTubeApi youtube = YouTubeApi.as(owner.username());
        String playlistId = youtube.createPlaylist("Existing list");
        long quotaBefore = defaultBucketUsed();
        Map<TopicPartition, Long> from = Jobs.progressEnd();

        UUID jobId = owner.requestUpload("clip.mp4", withPlaylist(Jobs.metadata("By id"), playlistId, null));
        Map<String, Object> job = Jobs.awaitFinished(jobId);

        assertThat(job.get("status")).as("%s", job).isEqualTo("completed");
        assertThat(job.get("warning")).as("%s", job).isNull();
        String videoId = (String) job.get("video_id");
        assertThat(youtube.playlistVideos(playlistId)).containsExactly(videoId);
        assertThat(job.get("finish_steps").toString()).contains("\"playlist\": {\"state\": \"done\"")
                .contains(playlistId);
        assertThat(defaultBucketUsed() - quotaBefore).as("playlistItems.list 1 + playlistItems.insert 50")
                .isEqualTo(51);
        List<JobProgress> events = Jobs.progress(jobId, from);
        assertThat(events).anySatisfy(e -> {
            assertThat(e.stage()).isEqualTo(JobStage.FINISHING);
            assertThat(e.status()).isEqualTo(JobStatus.UPLOADING);
            assertThat(e.videoId()).isEqualTo(videoId);
        });
        assertThat(events.get(events.size() - 1).status()).isEqualTo(JobStatus.COMPLETED);
    }

    @Test
    void aPlaylistTitleIsCreatedOnceAndReusedByTheNextJob() {
        Owner owner = Owner.create(cipher, YouTubeApi.WITH_AFTER_UPLOAD);
        YouTubeApi youtube = YouTubeApi.as(owner.username());
        VideoMetadata first = withPlaylist(Jobs.metadata("First"), null, "Trip 2026");
        VideoMetadata second = withPlaylist(Jobs.metadata("Second"), null, "Trip 2026");

        Map<String, Object> a = Jobs.awaitFinished(owner.requestUpload("a.mp4", first));
        Map<String, Object> b = Jobs.awaitFinished(owner.requestUpload("b.mp4", second));

        assertThat(a.get("status")).as("%s", a).isEqualTo("completed");
        assertThat(b.get("status")).as("%s", b).isEqualTo("completed");
        List<String> lists = youtube.playlistsTitled("Trip 2026");
        assertThat(lists).as("created once").hasSize(1);
        assertThat(youtube.playlistVideos(lists.get(0))).containsExactly((String) a.get("video_id"),
                (String) b.get("video_id"));
    }

    @Test
    void withoutTheScopeTheJobCompletesWithAWarningNamingTheStepAndTheRetry() {
        Owner owner = Owner.create(cipher, null); // vidferry's default scopes: no youtube.force-ssl
        UUID jobId = owner.requestUpload("noscope.mp4", withPlaylist(Jobs.metadata("No scope"), null, "Nope"));

        Map<String, Object> job = Jobs.awaitFinished(jobId);

        assertThat(job.get("status")).as("%s", job).isEqualTo("completed");
        assertThat(job.get("video_id")).isNotNull();
        assertThat((String) job.get("warning")).contains("playlist step failed").contains("youtube.force-ssl")
                .contains("POST /api/v1/jobs/" + jobId + "/finish");
        assertThat(job.get("finish_steps").toString()).contains("\"playlist\": {\"state\": \"failed\"");
    }

    @Test
    void aNewAttemptAfterACrashInTheFinishingStageAddsTheVideoExactlyOnce() {
        Owner owner = Owner.create(cipher, YouTubeApi.WITH_AFTER_UPLOAD);
        YouTubeApi youtube = YouTubeApi.as(owner.username());
        String playlistId = youtube.createPlaylist("Crash list");
        String videoId = Emulator.client().seedVideo(owner.username(), "uploaded before the crash", "private");
        // the crashed attempt had inserted the item but not recorded the step
        youtube.addToPlaylist(playlistId, videoId);
        String fileId = Emulator.addFile(owner.username(), "crash.mp4", SIZE);
        UUID jobId = Jobs.insertJob(owner.id(), owner.accountId(), fileId, SIZE, Emulator.md5(owner.username(), fileId),
                withPlaylist(Jobs.metadata("Crash"), playlistId, null), "cancelled"); // not claimable yet
        Jobs.update("UPDATE upload_job SET video_id = ?, stage = 'finishing', status = 'pending' WHERE id = ?",
                videoId, jobId);
        int uploadsBefore = Emulator.uploads().size();

        Jobs.publish(Jobs.requested(jobId, owner.id(), fileId, SIZE, null, Jobs.metadata("Crash")));
        Map<String, Object> job = Jobs.awaitFinished(jobId);

        assertThat(job.get("status")).as("%s", job).isEqualTo("completed");
        assertThat(job.get("video_id")).isEqualTo(videoId);
        assertThat(youtube.playlistVideos(playlistId)).containsExactly(videoId);
        assertThat(Emulator.uploads()).as("no second upload").hasSize(uploadsBefore);
        assertThat(Jobs.query("SELECT video_id FROM upload_history WHERE job_id = ?", jobId)).hasSize(1);
    }

    @Test
    void everyVideoSettingOfTheJobIsSentInItsPartsAndShownByYouTube() {
        Owner owner = Owner.create(cipher, null);
        VideoMetadata metadata = Jobs.metadata("Settings").withLanguages("en", "de", Map.of(
                "de", new Localization("Einstellungen", "Auf Deutsch"),
                "fr", new Localization("Réglages", "En français")))
                .withDetails(OffsetDateTime.parse("2026-11-30T10:15:00Z"), "creativeCommon", false, false, true);

        Map<String, Object> job = Jobs.awaitFinished(owner.requestUpload("settings.mp4", metadata));

        assertThat(job.get("status")).as("%s", job).isEqualTo("completed");
        JsonNode video = YouTubeApi.as(owner.username()).video((String) job.get("video_id"),
                "snippet,status,localizations,recordingDetails");
        assertThat(video.path("snippet").path("defaultLanguage").asText()).isEqualTo("en");
        assertThat(video.path("snippet").path("defaultAudioLanguage").asText()).isEqualTo("de");
        assertThat(video.path("localizations").path("de").path("title").asText()).isEqualTo("Einstellungen");
        assertThat(video.path("localizations").path("fr").path("description").asText()).isEqualTo("En français");
        assertThat(video.path("recordingDetails").path("recordingDate").asText()).startsWith("2026-11-30T10:15:00");
        assertThat(video.path("status").path("license").asText()).isEqualTo("creativeCommon");
        assertThat(video.path("status").path("embeddable").asBoolean(true)).isFalse();
        assertThat(video.path("status").path("publicStatsViewable").asBoolean(true)).isFalse();
        assertThat(video.path("status").path("containsSyntheticMedia").asBoolean()).isTrue();
    }

    @Test
    void aDriveImageBecomesTheThumbnailAndAnUnverifiedChannelGetsAWarning() {
        Owner owner = Owner.create(cipher, null); // verified channel
        String image = image(owner.username(), "cover.jpg", "image/jpeg");
        Map<String, Object> done = Jobs.awaitFinished(owner.requestUpload("thumb.mp4",
                Jobs.metadata("Thumb").withThumbnail(image)));
        assertThat(done.get("status")).as("%s", done).isEqualTo("completed");
        assertThat(done.get("warning")).as("%s", done).isNull();
        assertThat(thumbnailSet((String) done.get("video_id"))).isTrue();

        String text = image(owner.username(), "notes.gif", "image/gif");
        Map<String, Object> refused = Jobs.awaitFinished(owner.requestUpload("gif.mp4",
                Jobs.metadata("Gif").withThumbnail(text)));
        assertThat(refused.get("status")).isEqualTo("completed");
        assertThat((String) refused.get("warning")).contains("thumbnail step failed").contains("JPEG or PNG");
        assertThat(thumbnailSet((String) refused.get("video_id"))).isFalse();
    }

    @Test
    void aPublicUploadOfAnUnauditedProjectCompletesWithTheAuditWarning() {
        Owner owner = Owner.create(cipher, null);
        VideoMetadata metadata = Jobs.metadata("Public"); // unlisted
        Emulator.client().registerClient("vidferry", "vidferry-secret", false);
        Map<String, Object> job;
        try {
            job = Jobs.awaitFinished(owner.requestUpload("public.mp4", metadata));
        } finally {
            Emulator.client().registerClient("vidferry", "vidferry-secret", true);
        }
        assertThat(job.get("status")).as("%s", job).isEqualTo("completed");
        assertThat((String) job.get("warning")).contains("API_PROJECT_NOT_AUDITED").contains("unlisted")
                .contains("https://support.google.com/youtube/contact/yt_api_form");
    }

    private static String image(String owner, String name, String mimeType) {
        return Emulator.client().call("POST", "/_emulator/files", Jobs.JSON.createObjectNode().put("owner", owner)
                .put("name", name).put("size", 40_000).put("mimeType", mimeType)).path(0).path("id").asText();
    }

    private static boolean thumbnailSet(String videoId) {
        for (JsonNode v : Emulator.client().call("GET", "/_emulator/videos", null)) {
            if (videoId.equals(v.path("id").asText())) {
                return v.path("thumbnailSet").asBoolean();
            }
        }
        throw new IllegalStateException("no video " + videoId);
    }

    static VideoMetadata withPlaylist(VideoMetadata m, String playlistId, String playlistTitle) {
        return m.withPlaylist(playlistId, playlistTitle, null);
    }

    private static long defaultBucketUsed() {
        List<Map<String, Object>> rows = Jobs.query("SELECT coalesce(sum(used), 0) AS used FROM quota_ledger "
                + "WHERE bucket = 'default'");
        return ((Number) rows.get(0).get("used")).longValue();
    }

    /** A Google user on the emulator (with {@code scopes}, or vidferry's) and its account row. */
    record Owner(String username, String id, UUID accountId) {

        static Owner create(TokenCipher cipher, String scopes) {
            String username = "f" + UUID.randomUUID().toString().substring(0, 8);
            String refreshToken = Emulator.client().createUser(username, null, scopes, true).refreshToken();
            String ownerId = "owner-" + username;
            return new Owner(username, ownerId, Jobs.insertAccount(cipher, ownerId, refreshToken));
        }

        UUID requestUpload(String name, VideoMetadata metadata) {
            String fileId = Emulator.addFile(username, name, SIZE);
            String md5 = Emulator.md5(username, fileId);
            UUID jobId = Jobs.insertJob(id, accountId, fileId, SIZE, md5, metadata, "pending");
            Jobs.publish(Jobs.requested(jobId, id, fileId, SIZE, md5, metadata));
            return jobId;
        }
    }
}
