package dev.vidferry.worker.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The emulator's control API (and a few Google calls) as a test needs them. */
final class Emulator {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private Emulator() {
    }

    /** A Google user with a channel; its refresh and access tokens (vidferry's scopes). */
    static JsonNode createUser(String username) {
        return send("POST", "/_emulator/users", JSON.createObjectNode().put("username", username), null, 201);
    }

    /** A refresh token of {@code username} that can also delete videos. */
    static String manageToken(String username) {
        return send("POST", "/_emulator/users/" + username + "/tokens", JSON.createObjectNode()
                .put("scopes", "https://www.googleapis.com/auth/youtube"), null, 201).get("accessToken").asText();
    }

    /** Adds a synthetic video file to {@code owner}'s My Drive; returns its id. */
    static String addFile(String owner, String name, long size, long seed) {
        ObjectNode body = JSON.createObjectNode().put("owner", owner).put("name", name).put("size", size)
                .put("seed", seed).put("mimeType", "video/mp4");
        return send("POST", "/_emulator/files", body, null, 201).get(0).get("id").asText();
    }

    /** md5 of a Drive file as the emulator computed it. */
    static String md5(String owner, String fileId) {
        for (JsonNode file : send("GET", "/_emulator/users/" + owner + "/files", null, null, 200)) {
            if (file.get("id").asText().equals(fileId)) {
                return file.get("md5").asText();
            }
        }
        throw new IllegalStateException("no file " + fileId);
    }

    /** Videos on the emulated YouTube, oldest first. */
    static List<JsonNode> videos() {
        List<JsonNode> out = new ArrayList<>();
        send("GET", "/_emulator/videos", null, null, 200).forEach(out::add);
        return out;
    }

    /** Videos whose bytes have this md5. */
    static List<JsonNode> videosWithMd5(String md5) {
        return videos().stream().filter(v -> md5.equals(v.path("md5").asText())).toList();
    }

    /** Revokes a refresh token: its next refresh answers invalid_grant. */
    static void revoke(String token) {
        send("POST", "/_emulator/tokens/revoke", JSON.createObjectNode().put("token", token), null, 200);
    }

    /** Limits upload throughput (bytes per second, 0 = unlimited). */
    static void throttleUploads(long bytesPerSecond) {
        send("PUT", "/_emulator/throttle", JSON.createObjectNode().put("uploadBytesPerSecond", bytesPerSecond), null,
                200);
    }

    /** Queues {@code count} answers {@code status} for the next requests to {@code target} (e.g. upload-put). */
    static void fault(String target, int status, int count) {
        send("POST", "/_emulator/faults", JSON.createObjectNode().put("target", target).put("status", status)
                .put("count", count), null, 200);
    }

    static void clearFaults() {
        send("DELETE", "/_emulator/faults", null, null, 200);
    }

    /** Upload sessions, oldest first. */
    static List<JsonNode> uploads() {
        List<JsonNode> out = new ArrayList<>();
        send("GET", "/_emulator/uploads", null, null, 200).forEach(out::add);
        return out;
    }

    static void deleteVideo(String videoId, String accessToken) {
        send("DELETE", "/youtube/v3/videos?id=" + videoId, null, accessToken, 204);
    }

    private static JsonNode send(String method, String path, JsonNode body, String bearer, int expected) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(EmbeddedEmulatorResource.baseUrl() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body.toString()))
                .header("Content-Type", "application/json");
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expected) {
                throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": "
                        + response.body());
            }
            return response.body().isBlank() ? JSON.nullNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
