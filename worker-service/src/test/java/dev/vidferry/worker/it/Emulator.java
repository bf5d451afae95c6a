package dev.vidferry.worker.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import dev.vidferry.testsupport.emulator.EmulatorClient;
import dev.vidferry.testsupport.emulator.EmulatorClient.EmulatorUser;
import dev.vidferry.testsupport.emulator.EmulatorClient.UploadedVideo;
import dev.vidferry.testsupport.emulator.GoogleEmulatorResource;

/** What the worker tests ask of the Google emulator, through test-support's {@link EmulatorClient}. */
final class Emulator {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private Emulator() {
    }

    static EmulatorClient client() {
        return GoogleEmulatorResource.client();
    }

    /** A Google user with a channel and a refresh token for vidferry's scopes. */
    static EmulatorUser createUser(String username) {
        return client().createUser(username);
    }

    /** Adds a synthetic video file to {@code owner}'s My Drive; returns its id. */
    static String addFile(String owner, String name, long size) {
        return client().seedFile(owner, null, name, size).id();
    }

    /** md5 of a Drive file as the emulator computed it. */
    static String md5(String owner, String fileId) {
        return client().files(owner).stream().filter(f -> f.id().equals(fileId)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no file " + fileId)).md5();
    }

    /** Videos whose bytes have this md5. */
    static List<UploadedVideo> videosWithMd5(String md5) {
        return client().videos().stream().filter(v -> md5.equals(v.md5())).toList();
    }

    /** Upload sessions, oldest first. */
    static List<JsonNode> uploads() {
        List<JsonNode> out = new ArrayList<>();
        client().uploads().forEach(out::add);
        return out;
    }

    /** Deletes a video as its owner would (videos.delete needs the youtube scope). */
    static void deleteVideo(String videoId, String owner) {
        String token = client().issueTokens(owner, null, "https://www.googleapis.com/auth/youtube")
                .get("accessToken").asText();
        HttpRequest request = HttpRequest.newBuilder(URI.create(client().baseUrl() + "/youtube/v3/videos?id=" + videoId))
                .DELETE().header("Authorization", "Bearer " + token).build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 204) {
                throw new IllegalStateException("videos.delete answered " + response.statusCode() + ": "
                        + response.body());
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
