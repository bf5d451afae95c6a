package dev.vidferry.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.vidferry.emulator.http.Json;

/** The resumable protocol spoken by hand, as the worker does over google-http-client. */
class ResumableProtocolTest {

    static final int UNIT = 256 * 1024;
    static final long TOTAL = 4L * UNIT + 1000;
    static JsonNode user;

    @BeforeAll
    static void user() {
        user = TestEmulator.newUser("proto");
    }

    static String initiate(JsonNode who, String body) {
        HttpResponse<String> r = TestEmulator.raw(initiation(who, body));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return r.headers().firstValue("Location").orElseThrow();
    }

    static HttpRequest.Builder initiation(JsonNode who, String body) {
        try {
            ByteArrayOutputStream gz = new ByteArrayOutputStream();
            try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
                out.write(body.getBytes());
            }
            return HttpRequest.newBuilder(URI.create(TestEmulator.base()
                    + "/upload/youtube/v3/videos?uploadType=resumable&part=snippet,status"))
                    .header("Authorization", TestEmulator.bearer(who))
                    .header("Content-Type", "application/json; charset=UTF-8").header("Content-Encoding", "gzip")
                    .header("X-Upload-Content-Type", "video/mp4").header("X-Upload-Content-Length", String.valueOf(TOTAL))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(gz.toByteArray()));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static HttpResponse<String> put(String session, long first, int length, String total) {
        byte[] bytes = new byte[length];
        new dev.vidferry.emulator.content.SyntheticContent(5, TOTAL).fill(first, bytes, 0, length);
        String range = length == 0 ? "bytes */" + total : "bytes " + first + "-" + (first + length - 1) + "/" + total;
        return TestEmulator.raw(HttpRequest.newBuilder(URI.create(session)).header("Content-Range", range)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)));
    }

    @Test
    void chunkRulesFollowGooglesUploadServer() {
        String session = initiate(user, "{\"snippet\":{\"title\":\"t\"},\"status\":{\"privacyStatus\":\"private\"}}");
        assertThat(session).startsWith(TestEmulator.base() + "/upload/youtube/v3/videos?uploadType=resumable")
                .contains("upload_id=");

        HttpResponse<String> nothing = put(session, 0, 0, String.valueOf(TOTAL));
        assertThat(nothing.statusCode()).isEqualTo(308);
        assertThat(nothing.headers().firstValue("Range")).isEmpty();

        assertThat(put(session, 0, 100_000, String.valueOf(TOTAL)).statusCode()).as("small non-final chunk").isEqualTo(400);

        HttpResponse<String> partial = put(session, 0, UNIT + 5000, String.valueOf(TOTAL));
        assertThat(partial.statusCode()).isEqualTo(308);
        assertThat(partial.headers().firstValue("Range")).contains("bytes=0-" + (UNIT - 1));
        assertThat(partial.headers().firstValue("Location")).isEmpty();

        assertThat(put(session, 2L * UNIT, UNIT, String.valueOf(TOTAL)).statusCode()).as("gap").isEqualTo(400);

        HttpResponse<String> status = put(session, 0, 0, String.valueOf(TOTAL));
        assertThat(status.statusCode()).isEqualTo(308);
        assertThat(status.headers().firstValue("Range")).contains("bytes=0-" + (UNIT - 1));

        assertThat(put(session, UNIT, 2 * UNIT, String.valueOf(TOTAL)).headers().firstValue("Range"))
                .contains("bytes=0-" + (3L * UNIT - 1));
        HttpResponse<String> done = put(session, 3L * UNIT, UNIT + 1000, String.valueOf(TOTAL));
        assertThat(done.statusCode()).isEqualTo(201);
        JsonNode video = Json.MAPPER.valueToTree(parse(done.body()));
        assertThat(video.get("status").get("privacyStatus").asText()).isEqualTo("private");
        assertThat(YouTubeUploadTest.emulatorVideo(video.get("id").asText()).get("md5").asText())
                .isEqualTo(SyntheticInputStream.md5Of(5, TOTAL));

        HttpResponse<String> after = put(session, 0, 0, String.valueOf(TOTAL));
        assertThat(after.statusCode()).as("status query of a finished upload").isBetween(200, 201);
    }

    @Test
    void clientsAskingForNo308GetA200WithAStatusOverride() {
        String session = initiate(user, "{\"snippet\":{\"title\":\"go client\"}}");
        byte[] bytes = new byte[UNIT];
        HttpResponse<String> r = TestEmulator.raw(HttpRequest.newBuilder(URI.create(session))
                .header("Content-Range", "bytes 0-" + (UNIT - 1) + "/" + TOTAL).header("X-GUploader-No-308", "yes")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("X-Http-Status-Code-Override")).contains("308");
        assertThat(r.headers().firstValue("Range")).contains("bytes=0-" + (UNIT - 1));
    }

    @Test
    void expiredSessionAnswers404() {
        String session = initiate(user, "{\"snippet\":{\"title\":\"t\"}}");
        String id = session.substring(session.indexOf("upload_id=") + 10);
        TestEmulator.call("POST", "/_emulator/uploads/expire", Json.object().put("uploadId", id));
        assertThat(put(session, 0, UNIT, String.valueOf(TOTAL)).statusCode()).isEqualTo(404);
    }

    @Test
    void quotaExceededAfterTheDailyInsertBucketAndResetAtPacificMidnight() {
        TestEmulator.call("POST", "/_emulator/clients", Json.object().put("clientId", "quota-project")
                .put("clientSecret", "quota-project-secret"));
        JsonNode who = TestEmulator.call("POST", "/_emulator/users", Json.object().put("username", "quota" + System.nanoTime())
                .put("clientId", "quota-project"));
        TestEmulator.call("PUT", "/_emulator/quota", Json.object().set("limits", Json.object().put("videos.insert", 2)));
        try {
            initiate(who, "{}");
            initiate(who, "{}");
            HttpResponse<String> over = TestEmulator.raw(initiation(who, "{}"));
            assertThat(over.statusCode()).isEqualTo(403);
            JsonNode error = Json.MAPPER.valueToTree(parse(over.body())).get("error");
            assertThat(error.get("errors").get(0).get("reason").asText()).isEqualTo("quotaExceeded");
            assertThat(error.get("errors").get(0).get("domain").asText()).isEqualTo("youtube.quota");
            assertThat(TestEmulator.raw(initiation(user, "{}")).statusCode()).as("other project").isEqualTo(200);

            TestEmulator.call("POST", "/_emulator/clock", Json.object().put("toNextPacificMidnight", true));
            JsonNode fresh = TestEmulator.call("POST", "/_emulator/users/" + who.get("username").asText() + "/tokens",
                    Json.object().put("clientId", "quota-project"));
            assertThat(TestEmulator.raw(initiation(fresh, "{}")).statusCode()).isEqualTo(200);
        } finally {
            TestEmulator.call("PUT", "/_emulator/quota", Json.object().put("model", "current"));
        }
    }

    @Test
    void channelUploadLimitAnswersUploadLimitExceeded() {
        JsonNode who = TestEmulator.newUser("limit");
        TestEmulator.call("PUT", "/_emulator/quota", Json.object().put("uploadsPerChannelPerDay", 1));
        try {
            initiate(who, "{}");
            HttpResponse<String> over = TestEmulator.raw(initiation(who, "{}"));
            assertThat(over.statusCode()).isEqualTo(400);
            assertThat(over.body()).contains("uploadLimitExceeded").contains("youtube.video");
        } finally {
            TestEmulator.call("PUT", "/_emulator/quota", Json.object().put("uploadsPerChannelPerDay", 1000));
        }
    }

    static Object parse(String body) {
        try {
            return Json.MAPPER.readTree(body);
        } catch (Exception e) {
            throw new IllegalStateException(body, e);
        }
    }
}
