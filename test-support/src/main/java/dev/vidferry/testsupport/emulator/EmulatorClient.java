package dev.vidferry.testsupport.emulator;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Client for the Google emulator's control API ({@code /_emulator}, see google-emulator/README.md). */
public final class EmulatorClient {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String baseUrl;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    public EmulatorClient(String baseUrl) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    /** e.g. {@code http://127.0.0.1:8089} (no trailing slash). */
    public String baseUrl() {
        return baseUrl;
    }

    public String tokenUri() {
        return baseUrl + "/token";
    }

    // ---- state

    /** Empties the emulator (default OAuth client only, real clock, default quota). */
    public void reset() {
        call("POST", "/_emulator/reset", MAPPER.createObjectNode());
    }

    /** Empties the emulator and loads the demo seed (alice, bob, Demo folder, shared drive). */
    public void resetWithDemoSeed() {
        call("POST", "/_emulator/reset", MAPPER.createObjectNode().put("demo", true));
    }

    // ---- users, clients, tokens

    /** Creates (or replaces) a user with a Google account, channel and My Drive, and vidferry's refresh token. */
    public EmulatorUser createUser(String username) {
        return createUser(username, null);
    }

    public EmulatorUser createUser(String username, String password) {
        ObjectNode body = MAPPER.createObjectNode().put("username", username);
        if (password != null) {
            body.put("password", password);
        }
        return EmulatorUser.from(call("POST", "/_emulator/users", body));
    }

    /** Like {@link #createUser(String, String)} with roles in the user's tokens' {@code roles} claim. */
    public EmulatorUser createUser(String username, String password, List<String> roles) {
        ObjectNode body = MAPPER.createObjectNode().put("username", username);
        if (password != null) {
            body.put("password", password);
        }
        roles.forEach(body.putArray("roles")::add);
        return EmulatorUser.from(call("POST", "/_emulator/users", body));
    }

    /** A {@code client_credentials} token: the client is its own subject, no user behind it. */
    public JsonNode clientCredentialsToken(String clientId, String clientSecret, String scope) {
        String form = "grant_type=client_credentials&client_id=" + enc(clientId) + "&client_secret="
                + enc(clientSecret) + "&scope=" + enc(scope);
        return send(HttpRequest.newBuilder(URI.create(baseUrl + "/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)), "POST /token");
    }

    /**
     * Plays the browser on Google's consent screen: opens {@code authorizeUrl} as {@code username} (the account
     * picker's choice) and answers where Google redirects back (the {@code Location}, not followed).
     */
    public URI consent(String authorizeUrl, String username) {
        try {
            HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(authorizeUrl + "&login_hint="
                    + enc(username))).GET().build(), HttpResponse.BodyHandlers.discarding());
            if (r.statusCode() != 302) {
                throw new IllegalStateException("authorize answered " + r.statusCode());
            }
            return URI.create(r.headers().firstValue("Location").orElseThrow());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Sets the {@code iss} of tokens issued from now on; answers the previous one (to put it back). */
    public String setIssuer(String issuer) {
        ObjectNode body = MAPPER.createObjectNode();
        body.put("issuer", issuer);
        return call("PUT", "/_emulator/issuer", body).path("previous").asText();
    }

    /** The user unticks these scopes on the consent screen (and they drop out of later refreshes). */
    public void declineScopes(String username, String... scopes) {
        ObjectNode body = MAPPER.createObjectNode();
        java.util.Arrays.stream(scopes).forEach(body.putArray("declinedScopes")::add);
        call("PUT", "/_emulator/users/" + username + "/consent", body);
    }

    /** Like {@link #createUser(String)} with a custom OAuth client and space-separated scopes (nulls = defaults). */
    public EmulatorUser createUser(String username, String clientId, String scopes, boolean channelVerified) {
        ObjectNode body = MAPPER.createObjectNode().put("username", username).put("channelVerified", channelVerified);
        if (clientId != null) {
            body.put("clientId", clientId);
        }
        if (scopes != null) {
            body.put("scopes", scopes);
        }
        return EmulatorUser.from(call("POST", "/_emulator/users", body));
    }

    public List<EmulatorUser> users() {
        List<EmulatorUser> out = new ArrayList<>();
        call("GET", "/_emulator/users", null).forEach(u -> out.add(EmulatorUser.from(u)));
        return out;
    }

    /** A new refresh + access token for an existing user (vidferry's scopes unless given). */
    public JsonNode issueTokens(String username, String clientId, String scopes) {
        ObjectNode body = MAPPER.createObjectNode();
        if (clientId != null) {
            body.put("clientId", clientId);
        }
        if (scopes != null) {
            body.put("scopes", scopes);
        }
        return call("POST", "/_emulator/users/" + username + "/tokens", body);
    }

    /** An OIDC access token for our own API (password grant, aud = vidferry) — what {@code bin/vidferry token} does. */
    public String oidcAccessToken(String username, String password) {
        String form = "grant_type=password&client_id=vidferry&client_secret=vidferry-secret&scope=openid%20email%20profile"
                + "&username=" + enc(username) + "&password=" + enc(password != null ? password : "");
        return send(HttpRequest.newBuilder(URI.create(baseUrl + "/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)), "POST /token").get("access_token").asText();
    }

    public void registerClient(String clientId, String clientSecret, boolean verified) {
        call("POST", "/_emulator/clients", MAPPER.createObjectNode().put("clientId", clientId)
                .put("clientSecret", clientSecret).put("verified", verified));
    }

    /** Makes the user's refresh tokens expire now (next refresh: invalid_grant). */
    public void expireRefreshTokens(String username) {
        call("POST", "/_emulator/users/" + username + "/refresh-tokens/expire", MAPPER.createObjectNode());
    }

    /** Revokes a refresh or access token. */
    public void revoke(String token) {
        call("POST", "/_emulator/tokens/revoke", MAPPER.createObjectNode().put("token", token));
    }

    public void setAccessTokenTtl(Duration ttl) {
        call("PUT", "/_emulator/token-ttl", MAPPER.createObjectNode().put("seconds", ttl.toSeconds()));
    }

    /** Refresh tokens issued from now on expire after {@code ttl} of emulated time (Google "Testing" apps: 7 days). */
    public void setRefreshTokenTtl(Duration ttl) {
        call("PUT", "/_emulator/token-ttl", MAPPER.createObjectNode().put("refreshSeconds", ttl.toSeconds()));
    }

    // ---- Drive content

    public String createSharedDrive(String name, String... members) {
        ObjectNode body = MAPPER.createObjectNode().put("name", name);
        ArrayNode m = body.putArray("members");
        for (String member : members) {
            m.add(member);
        }
        return call("POST", "/_emulator/drives", body).get("id").asText();
    }

    /** One synthetic file under parentId (null = the owner's My Drive root; a shared drive id works too). */
    public SeededFile seedFile(String owner, String parentId, String name, long size) {
        ObjectNode body = MAPPER.createObjectNode().put("owner", owner).put("name", name).put("size", size)
                .put("mimeType", name.endsWith(".txt") ? "text/plain" : "video/mp4");
        if (parentId != null) {
            body.put("parentId", parentId);
        }
        return SeededFile.from(call("POST", "/_emulator/files", body).get(0));
    }

    /** A folder with {@code count} videos of {@code size} bytes named {@code video-001.mp4}...; returns folder first. */
    public List<SeededFile> seedFolder(String owner, String parentId, String name, int count, long size) {
        ObjectNode folder = MAPPER.createObjectNode().put("name", name);
        folder.putObject("files").put("count", count).put("size", size);
        return seedTree(owner, parentId, MAPPER.createArrayNode().add(folder));
    }

    /** Seeds a tree spec ({@code [{name, folder, children, files:{count,size,namePattern,mimeType}}, {name,size},
     * {name, shortcutTo}]}, see the README); returns every created item in order. */
    public List<SeededFile> seedTree(String owner, String parentId, ArrayNode items) {
        ObjectNode body = MAPPER.createObjectNode().put("owner", owner);
        if (parentId != null) {
            body.put("parentId", parentId);
        }
        body.set("items", items);
        List<SeededFile> out = new ArrayList<>();
        call("POST", "/_emulator/files", body).forEach(f -> out.add(SeededFile.from(f)));
        return out;
    }

    public SeededFile seedShortcut(String owner, String parentId, String name, String targetId) {
        ObjectNode body = MAPPER.createObjectNode().put("owner", owner).put("name", name).put("shortcutTo", targetId);
        if (parentId != null) {
            body.put("parentId", parentId);
        }
        return SeededFile.from(call("POST", "/_emulator/files", body).get(0));
    }

    /** The demo seed's {@code Demo/} tree (20 videos, notes.txt, a shortcut) in the user's My Drive; its folder id. */
    public String seedDemoTree(String username) {
        return call("POST", "/_emulator/users/" + username + "/demo", null).get("id").asText();
    }

    /** Every file a user can see (My Drive and shared drives), with md5/sha256 (waits for them). */
    public List<SeededFile> files(String username) {
        List<SeededFile> out = new ArrayList<>();
        call("GET", "/_emulator/users/" + username + "/files", null).forEach(f -> out.add(SeededFile.from(f)));
        return out;
    }

    public void deleteFile(String fileId) {
        call("DELETE", "/_emulator/files/" + fileId, null);
    }

    public void trashFile(String fileId) {
        call("POST", "/_emulator/files/" + fileId + "/trash", MAPPER.createObjectNode().put("trashed", true));
    }

    // ---- YouTube

    /** A video on the user's channel as if uploaded now; returns its id. */
    public String seedVideo(String username, String title, String privacyStatus) {
        return call("POST", "/_emulator/videos", MAPPER.createObjectNode().put("owner", username).put("title", title)
                .put("privacyStatus", privacyStatus)).get("id").asText();
    }

    public List<UploadedVideo> videos() {
        List<UploadedVideo> out = new ArrayList<>();
        call("GET", "/_emulator/videos", null).forEach(v -> out.add(UploadedVideo.from(v)));
        return out;
    }

    /** Every upload session: uploadId, bytesReceived, total, puts, complete, videoId, md5. */
    public JsonNode uploads() {
        return call("GET", "/_emulator/uploads", null);
    }

    /** Expires one upload session (null = all): further PUTs answer 404. */
    public void expireUploadSessions(String uploadId) {
        ObjectNode body = MAPPER.createObjectNode();
        if (uploadId != null) {
            body.put("uploadId", uploadId);
        }
        call("POST", "/_emulator/uploads/expire", body);
    }

    // ---- quota and clock

    /** Overrides daily limits per bucket ({@code default}, {@code videos.insert}, {@code search.list}). */
    public JsonNode setQuotaLimits(Map<String, Long> limits) {
        ObjectNode body = MAPPER.createObjectNode();
        body.set("limits", MAPPER.valueToTree(limits));
        return call("PUT", "/_emulator/quota", body);
    }

    /** {@code current} or {@code legacy} (10,000 units, videos.insert = 1600); also resets usage. */
    public JsonNode setQuotaModel(String model) {
        return call("PUT", "/_emulator/quota", MAPPER.createObjectNode().put("model", model).put("resetUsage", true));
    }

    public JsonNode setUploadsPerChannelPerDay(int limit) {
        return call("PUT", "/_emulator/quota", MAPPER.createObjectNode().put("uploadsPerChannelPerDay", limit));
    }

    public JsonNode quota() {
        return call("GET", "/_emulator/quota", null);
    }

    /** Drive API requests the emulator received, by method ({@code files.list}, {@code changes.list}, ...). */
    public Map<String, Long> driveCalls() {
        Map<String, Long> out = new java.util.TreeMap<>();
        call("GET", "/_emulator/drive/calls", null).fields()
                .forEachRemaining(e -> out.put(e.getKey(), e.getValue().asLong()));
        return out;
    }

    public JsonNode advanceClock(Duration by) {
        return call("POST", "/_emulator/clock", MAPPER.createObjectNode().put("advanceSeconds", by.toSeconds()));
    }

    /** Moves the emulated clock just past the next midnight in America/Los_Angeles (quota reset). */
    public JsonNode advanceClockPastPacificMidnight() {
        return call("POST", "/_emulator/clock", MAPPER.createObjectNode().put("toNextPacificMidnight", true));
    }

    // ---- faults

    /**
     * The next {@code count} requests to {@code target} answer {@code status}. Targets: {@code upload-put},
     * {@code drive-media}, {@code token} (400 = invalid_grant), {@code api}, {@code playlist-items} (404 videoNotFound).
     */
    public void injectFault(String target, int count, int status) {
        call("POST", "/_emulator/faults", MAPPER.createObjectNode().put("target", target).put("count", count)
                .put("status", status));
    }

    /** The next request to {@code target} has its connection closed after {@code afterBytes} body bytes. */
    public void injectConnectionReset(String target, long afterBytes) {
        call("POST", "/_emulator/faults", MAPPER.createObjectNode().put("target", target).put("count", 1)
                .put("resetAfterBytes", afterBytes));
    }

    /** The next {@code count} requests to {@code target} have their connection closed after {@code afterBytes}. */
    public void injectConnectionReset(String target, long afterBytes, int count) {
        call("POST", "/_emulator/faults", MAPPER.createObjectNode().put("target", target).put("count", count)
                .put("resetAfterBytes", afterBytes));
    }

    /**
     * The next Drive download misbehaves on its Range: {@code ignore} answers 200 with the whole file, {@code shift} a
     * 206 starting one byte before the asked offset.
     */
    public void injectDriveRangeFault(String mode) {
        call("POST", "/_emulator/faults", MAPPER.createObjectNode().put("target", "drive-media").put("count", 1)
                .put("range", mode));
    }

    /** The next Drive download flips the byte at body offset {@code at}. */
    public void injectDriveCorruption(long at) {
        call("POST", "/_emulator/faults", MAPPER.createObjectNode().put("target", "drive-media").put("count", 1)
                .put("corruptAt", at));
    }

    /** Gives a Drive file new bytes of the same size (a new head revision and modifiedTime); returns its new md5. */
    public String replaceFileContent(String fileId, long seed) {
        return call("PUT", "/_emulator/files/" + fileId + "/content", MAPPER.createObjectNode().put("seed", seed))
                .path("md5").asText();
    }

    /** {@code false}: the user's Google account has no YouTube channel (uploads answer 401 youtubeSignupRequired). */
    public void setHasChannel(String username, boolean exists) {
        call("PUT", "/_emulator/users/" + username + "/channel", MAPPER.createObjectNode().put("exists", exists));
    }

    public void clearFaults() {
        call("DELETE", "/_emulator/faults", null);
    }

    public void setLatency(Duration latency) {
        call("PUT", "/_emulator/latency", MAPPER.createObjectNode().put("millis", latency.toMillis()));
    }

    /** Per-connection byte rates; 0 = unlimited. */
    public void throttle(long downloadBytesPerSecond, long uploadBytesPerSecond) {
        call("PUT", "/_emulator/throttle", MAPPER.createObjectNode().put("downloadBytesPerSecond", downloadBytesPerSecond)
                .put("uploadBytesPerSecond", uploadBytesPerSecond));
    }

    /** Drive list pages come back short (and every third one empty) while nextPageToken continues. */
    public void shortDrivePages(boolean enabled) {
        call("PUT", "/_emulator/drive/short-pages", MAPPER.createObjectNode().put("enabled", enabled));
    }

    // ---- plumbing

    public JsonNode call(String method, String path, JsonNode body) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(60))
                    .header("Content-Type", "application/json");
            b.method(method, body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(MAPPER.writeValueAsBytes(body)));
            return send(b, method + " " + path);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode send(HttpRequest.Builder request, String what) {
        try {
            HttpResponse<byte[]> r = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() >= 300) {
                throw new IllegalStateException(what + " answered " + r.statusCode() + ": "
                        + new String(r.body(), StandardCharsets.UTF_8));
            }
            return r.body().length == 0 ? MAPPER.createObjectNode() : MAPPER.readTree(r.body());
        } catch (IOException e) {
            throw new IllegalStateException(what + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(what + " interrupted", e);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** A test user and the refresh token the emulator issued for vidferry's scopes. */
    public record EmulatorUser(String username, String email, String sub, String channelId, String rootFolderId,
            String uploadsPlaylistId, String clientId, String refreshToken, String accessToken, String scope) {

        static EmulatorUser from(JsonNode n) {
            return new EmulatorUser(n.path("username").asText(), n.path("email").asText(), n.path("sub").asText(),
                    n.path("channelId").asText(), n.path("rootFolderId").asText(), n.path("uploadsPlaylistId").asText(),
                    n.path("clientId").asText(null), n.path("refreshToken").asText(null),
                    n.path("accessToken").asText(null), n.path("scope").asText(null));
        }
    }

    /** A seeded Drive item; size/md5/sha256 only for blob files (md5 may be null right after seeding big files). */
    public record SeededFile(String id, String name, String mimeType, Long size, String md5, String sha256,
            String driveId, String parentId) {

        static SeededFile from(JsonNode n) {
            return new SeededFile(n.path("id").asText(), n.path("name").asText(), n.path("mimeType").asText(),
                    n.hasNonNull("size") ? n.get("size").asLong() : null, n.path("md5").asText(null),
                    n.path("sha256").asText(null), n.path("driveId").asText(null), n.path("parents").path(0).asText(null));
        }

        public boolean isFolder() {
            return "application/vnd.google-apps.folder".equals(mimeType);
        }
    }

    /** A video the emulator received, with what it measured. */
    public record UploadedVideo(String id, String channelId, String owner, String project, String md5, long size,
            String title, String privacyStatus, String uploadType, JsonNode snippet, JsonNode status,
            long bytesReceived, int puts) {

        static UploadedVideo from(JsonNode n) {
            return new UploadedVideo(n.path("id").asText(), n.path("channelId").asText(), n.path("owner").asText(),
                    n.path("project").asText(), n.path("md5").asText(), n.path("size").asLong(),
                    n.path("snippet").path("title").asText(), n.path("status").path("privacyStatus").asText(),
                    n.path("uploadType").asText(), n.path("snippet"), n.path("status"),
                    n.path("session").path("bytesReceived").asLong(), n.path("session").path("puts").asInt());
        }
    }
}
