package dev.vidferry.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.vidferry.testsupport.emulator.EmulatorClient;
import dev.vidferry.testsupport.emulator.EmulatorClient.SeededFile;
import dev.vidferry.testsupport.emulator.EmulatorClient.UploadedVideo;

/**
 * The product's main job, black-box: a user creates jobs over REST with a real bearer token; packaged worker
 * processes stream the Drive files into YouTube (the emulator); everything is observed from the outside (REST,
 * the progress topic, the emulator's record of what it received, Postgres).
 */
class PipelineIT {

    private static Stack stack;

    @BeforeAll
    static void startTheSystem() {
        stack = Stack.withWorkers(2);
        stack.useWorkers(2);
    }

    private static Map<String, Object> job(SeededFile file, String title) {
        return Map.of("driveFileId", file.id(), "batchId", "e2e",
                "metadata", Map.of("title", title, "description", "from Drive", "tags", List.of("e2e", "drive copy"),
                        "categoryId", "24", "privacyStatus", "unlisted", "madeForKids", false,
                        "notifySubscribers", false));
    }

    /** Seeded files with their digests (the emulator hashes large files in the background). */
    private static List<SeededFile> digested(String username, List<SeededFile> seeded) {
        Map<String, SeededFile> all = new java.util.HashMap<>();
        stack.emulator().files(username).forEach(f -> all.put(f.id(), f));
        return seeded.stream().map(f -> all.getOrDefault(f.id(), f)).toList();
    }

    private static SeededFile seed(String username, String name, long size) {
        return digested(username, List.of(stack.emulator().seedFile(username, null, name, size))).get(0);
    }

    private List<UploadedVideo> videosOf(Member member) {
        return stack.emulator().videos().stream().filter(v -> v.channelId().equals(member.user().channelId()))
                .toList();
    }

    /** The user deletes the video on YouTube itself ({@code videos.delete} with their own token). */
    private void deleteOnYouTube(Member member, String videoId) {
        JsonNode tokens = stack.emulator().issueTokens(member.user().username(), "vidferry",
                "https://www.googleapis.com/auth/youtube");
        String token = tokens.hasNonNull("accessToken")
                ? tokens.get("accessToken").asText()
                : tokens.path("access_token").asText();
        try {
            java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                            stack.emulator().baseUrl() + "/youtube/v3/videos?id=" + videoId))
                            .header("Authorization", "Bearer " + token).DELETE().build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(204);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aJobCreatedOverRestEndsAsTheSameBytesOnYouTubeAndItsProgressCanBeFollowedOnKafka() throws Exception {
        Member alice = Member.connected(stack, "u");
        SeededFile file = seed(alice.user().username(), "holiday.mp4", 20L * 1024 * 1024);

        try (ProgressFeed feed = new ProgressFeed(stack.kafka())) {
            ApiClient.Answer created = alice.api().post("/jobs", job(file, "Holiday 2026"));
            assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
            String jobId = created.body().path("id").asText();

            JsonNode done = alice.api().await("/jobs/" + jobId,
                    j -> Set.of("completed", "failed").contains(j.path("status").asText()), Duration.ofSeconds(90));
            assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("completed");
            assertThat(done.path("progress").asInt()).isEqualTo(100);
            assertThat(done.path("startedAt").isNull()).isFalse();
            assertThat(done.path("completedAt").isNull()).isFalse();

            List<UploadedVideo> videos = videosOf(alice);
            assertThat(videos).hasSize(1);
            UploadedVideo video = videos.get(0);
            assertThat(video.id()).isEqualTo(done.path("videoId").asText());
            assertThat(video.md5()).isEqualTo(file.md5());
            assertThat(video.size()).isEqualTo(file.size());
            assertThat(video.title()).isEqualTo("Holiday 2026");
            assertThat(video.privacyStatus()).isEqualTo("unlisted");
            assertThat(video.snippet().path("categoryId").asText()).isEqualTo("24");
            assertThat(video.status().path("selfDeclaredMadeForKids").asBoolean(true)).isFalse();

            JsonNode history = alice.api().get("/history").body();
            assertThat(history.toString()).contains(video.id()).contains(file.md5());

            List<JsonNode> events = feed.awaitJob(jobId, ProgressFeed::finished, Duration.ofSeconds(30));
            assertThat(events).allSatisfy(e -> {
                assertThat(e.path("_key").asText()).isEqualTo(jobId);
                assertThat(e.path("eventType").asText()).isEqualTo("upload-job.progress");
                assertThat(e.path("data").path("ownerId").asText()).isEqualTo(alice.user().sub());
            });
            int last = -1;
            for (JsonNode event : events) {
                int progress = event.path("data").path("progress").asInt();
                assertThat(progress).as("progress never decreases: %s", events).isGreaterThanOrEqualTo(last);
                last = progress;
            }
            JsonNode end = events.get(events.size() - 1).path("data");
            assertThat(end.path("status").asText()).isEqualTo("completed");
            assertThat(end.path("videoId").asText()).isEqualTo(video.id());
            assertThat(events.stream().map(e -> e.path("data").path("status").asText()))
                    .contains("downloading", "uploading");
        }
    }

    @Test
    void twoWorkerProcessesCompleteFiftyJobsWithExactlyFiftyUploads() throws Exception {
        Member bob = Member.connected(stack, "u");
        List<SeededFile> files = digested(bob.user().username(),
                stack.emulator().seedFolder(bob.user().username(), null, "Batch", 50, 1024 * 1024).stream()
                        .filter(f -> !f.isFolder()).toList());
        assertThat(files).hasSize(50).allSatisfy(f -> assertThat(f.md5()).isNotBlank());

        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            items.add(job(files.get(i), "Batch video " + i));
        }
        ApiClient.Answer bulk = bob.api().post("/jobs/bulk", Map.of("jobs", items));
        assertThat(bulk.status()).as(bulk.body().toString()).isIn(200, 201, 207);
        List<String> ids = new ArrayList<>();
        bulk.body().path("results").forEach(r -> ids.add(r.path("job").path("id").asText()));
        assertThat(ids).hasSize(50).doesNotContain("");

        bob.api().await("/jobs?batchId=e2e&limit=100",
                page -> page.path("counts").path("completed").asInt() == 50, Duration.ofMinutes(4));

        List<UploadedVideo> videos = videosOf(bob);
        assertThat(videos).hasSize(50);
        assertThat(videos.stream().map(UploadedVideo::md5)).containsExactlyInAnyOrderElementsOf(
                files.stream().map(SeededFile::md5).toList());

        Set<String> claimedBy = new HashSet<>();
        try (Connection db = stack.db();
                PreparedStatement query = db.prepareStatement(
                        "SELECT DISTINCT lease_owner FROM upload_job WHERE owner_id = ? AND lease_owner IS NOT NULL")) {
            query.setString(1, bob.user().sub());
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    claimedBy.add(rows.getString(1));
                }
            }
        }
        // both processes took work (the topic has 12 partitions, the group 2 members)
        assertThat(claimedBy).as("workers that ran jobs").hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void aFileAlreadyOnYouTubeIsNotUploadedAgainUntilItsVideoIsDeleted() {
        Member carol = Member.connected(stack, "u");
        SeededFile file = seed(carol.user().username(), "talk.mov", 3L * 1024 * 1024);

        String first = carol.api().post("/jobs", job(file, "Talk")).body().path("id").asText();
        JsonNode firstDone = carol.api().await("/jobs/" + first, j -> j.path("status").asText().equals("completed"),
                Duration.ofSeconds(60));
        String videoId = firstDone.path("videoId").asText();

        String second = carol.api().post("/jobs", job(file, "Talk again")).body().path("id").asText();
        JsonNode secondDone = carol.api().await("/jobs/" + second,
                j -> j.path("status").asText().equals("completed"), Duration.ofSeconds(60));
        assertThat(secondDone.path("videoId").asText()).isEqualTo(videoId);
        assertThat(videosOf(carol)).hasSize(1);

        deleteOnYouTube(carol, videoId);
        String third = carol.api().post("/jobs", job(file, "Talk, once more")).body().path("id").asText();
        JsonNode thirdDone = carol.api().await("/jobs/" + third, j -> j.path("status").asText().equals("completed"),
                Duration.ofSeconds(60));
        assertThat(thirdDone.path("videoId").asText()).isNotEqualTo(videoId);
        assertThat(videosOf(carol)).extracting(UploadedVideo::id).containsExactly(thirdDone.path("videoId").asText());
    }
}
