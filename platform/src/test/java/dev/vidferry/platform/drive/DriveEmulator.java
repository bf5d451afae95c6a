package dev.vidferry.platform.drive;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.api.services.drive.Drive;

import io.vertx.core.Vertx;

import dev.vidferry.emulator.EmulatorOptions;
import dev.vidferry.emulator.EmulatorServer;
import dev.vidferry.platform.google.GoogleApis;
import dev.vidferry.platform.google.GoogleConfig;
import dev.vidferry.platform.google.GoogleCredentialsFactory;

/**
 * The Google emulator embedded once per test JVM, seeded through its control API, and Drive clients built by our own
 * {@link GoogleApis} (the production path: official client, credentials, retries).
 */
final class DriveEmulator {

    static final ObjectMapper JSON = new ObjectMapper();
    private static DriveEmulator instance;

    private final String base;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final GoogleCredentialsFactory credentials;
    private final GoogleApis apis;

    private DriveEmulator(String base) {
        this.base = base;
        GoogleConfig config = new GoogleConfig() {

            public String driveRootUrl() {
                return base + "/";
            }

            public String youtubeRootUrl() {
                return base + "/";
            }

            public String oauth2RootUrl() {
                return base + "/";
            }

            public String tokenUri() {
                return base + "/token";
            }

            @Override
            public String authorizationUri() {
                return base + "/o/oauth2/v2/auth";
            }

            @Override
            public String revocationUri() {
                return base + "/revoke";
            }

            public String clientId() {
                return "vidferry";
            }

            public Optional<String> clientSecret() {
                return Optional.of("vidferry-secret");
            }

            public String projectId() {
                return "default";
            }

            public String applicationName() {
                return "vidferry-test";
            }
        };
        this.credentials = new GoogleCredentialsFactory(config);
        this.apis = new GoogleApis(config, credentials);
    }

    static synchronized DriveEmulator get() {
        if (instance == null) {
            instance = new DriveEmulator(EmulatorServer.start(Vertx.vertx(), EmulatorOptions.defaults()).baseUrl());
        }
        return instance;
    }

    /** A Google user with vidferry's scopes. */
    record User(String username, String refreshToken, String rootFolderId) {
    }

    User newUser(String prefix) {
        JsonNode u = call("POST", "/_emulator/users", JSON.createObjectNode().put("username", prefix + System.nanoTime()));
        return new User(u.get("username").asText(), u.get("refreshToken").asText(), u.get("rootFolderId").asText());
    }

    Drive drive(User user) {
        return apis.drive(credentials.userCredentials(user.refreshToken(), null, null));
    }

    /** Seeds {@code items} (the emulator's tree spec) under {@code parentId} (null = My Drive); created items. */
    ArrayNode seed(User owner, String parentId, ArrayNode items) {
        ObjectNode body = JSON.createObjectNode().put("owner", owner.username());
        if (parentId != null) {
            body.put("parentId", parentId);
        }
        body.set("items", items);
        return (ArrayNode) call("POST", "/_emulator/files", body);
    }

    String sharedDrive(String name, User member) {
        ObjectNode body = JSON.createObjectNode().put("name", name);
        body.putArray("members").add(member.username());
        return call("POST", "/_emulator/drives", body).get("id").asText();
    }

    void delete(String fileId) {
        call("DELETE", "/_emulator/files/" + fileId, null);
    }

    /** Every item of the user (and their shared drives) with md5 and size as the emulator knows them. */
    JsonNode files(User user) {
        return call("GET", "/_emulator/users/" + user.username() + "/files", null);
    }

    static ArrayNode items() {
        return JSON.createArrayNode();
    }

    static ObjectNode folder(String name) {
        return JSON.createObjectNode().put("name", name).put("folder", true);
    }

    static ObjectNode folder(String name, int videos, String pattern) {
        ObjectNode f = folder(name);
        f.putObject("files").put("count", videos).put("size", 2048).put("namePattern", pattern);
        return f;
    }

    static ObjectNode file(String name, String mimeType) {
        return JSON.createObjectNode().put("name", name).put("size", 4096).put("mimeType", mimeType);
    }

    static ObjectNode text(String name, String mimeType, String text) {
        return JSON.createObjectNode().put("name", name).put("mimeType", mimeType).put("text", text);
    }

    static ObjectNode shortcut(String name, String targetId) {
        return JSON.createObjectNode().put("name", name).put("shortcutTo", targetId);
    }

    JsonNode call(String method, String path, JsonNode body) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type",
                    "application/json");
            b.method(method, body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
            HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() >= 300) {
                throw new IllegalStateException(method + " " + path + " -> " + r.statusCode() + " " + new String(r.body()));
            }
            return JSON.readTree(r.body());
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
