package dev.vidferry.emulator;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.api.client.http.HttpBackOffIOExceptionHandler;
import com.google.api.client.http.HttpBackOffUnsuccessfulResponseHandler;
import com.google.api.client.http.HttpRequestInitializer;
import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.api.client.json.gson.GsonFactory;
import com.google.api.client.util.ExponentialBackOff;
import com.google.api.services.drive.Drive;
import com.google.api.services.youtube.YouTube;
import com.google.auth.http.HttpCredentialsAdapter;
import com.google.auth.oauth2.UserCredentials;

import io.vertx.core.Vertx;

import dev.vidferry.emulator.http.Json;

/** One embedded emulator per test JVM, a tiny control client, and official Google clients wired to it. */
public final class TestEmulator {

    private static EmulatorServer server;
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    static final NetHttpTransport TRANSPORT = new NetHttpTransport();

    private TestEmulator() {
    }

    public static synchronized EmulatorServer server() {
        if (server == null) {
            server = EmulatorServer.start(Vertx.vertx(), EmulatorOptions.defaults());
        }
        return server;
    }

    public static String base() {
        return server().baseUrl();
    }

    public static JsonNode call(String method, String path, Object body) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path))
                    .header("Content-Type", "application/json");
            b.method(method, body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(Json.MAPPER.writeValueAsBytes(body)));
            HttpResponse<byte[]> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() >= 300) {
                throw new IllegalStateException(method + " " + path + " -> " + r.statusCode() + " " + new String(r.body()));
            }
            return Json.MAPPER.readTree(r.body());
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static HttpResponse<String> raw(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A fresh user (unique name) with vidferry's refresh token. */
    public static JsonNode newUser(String prefix) {
        String name = prefix + System.nanoTime();
        ObjectNode body = Json.object().put("username", name);
        return call("POST", "/_emulator/users", body);
    }

    /** A fresh access token for the user's refresh token (the emulated clock may have moved). */
    public static String bearer(JsonNode user) {
        try {
            return "Bearer " + credentials(user).refreshAccessToken().getTokenValue();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static UserCredentials credentials(JsonNode user) {
        String clientId = user.path("clientId").asText("vidferry");
        return UserCredentials.newBuilder().setClientId(clientId).setClientSecret(clientId + "-secret")
                .setRefreshToken(user.get("refreshToken").asText()).setTokenServerUri(URI.create(base() + "/token"))
                .setHttpTransportFactory(() -> TRANSPORT).build();
    }

    /** Credentials first, then back-off on 5xx and I/O errors (the chain the facts file recommends). */
    public static HttpRequestInitializer initializer(JsonNode user) {
        HttpCredentialsAdapter adapter = new HttpCredentialsAdapter(credentials(user));
        return request -> {
            adapter.initialize(request);
            HttpBackOffUnsuccessfulResponseHandler backOff = new HttpBackOffUnsuccessfulResponseHandler(backOff());
            request.setUnsuccessfulResponseHandler((req, resp, retry) -> adapter.handleResponse(req, resp, retry)
                    || backOff.handleResponse(req, resp, retry));
            request.setIOExceptionHandler(new HttpBackOffIOExceptionHandler(backOff()));
            request.setReadTimeout(60_000);
        };
    }

    private static ExponentialBackOff backOff() {
        return new ExponentialBackOff.Builder().setInitialIntervalMillis(20).setMaxIntervalMillis(200)
                .setMaxElapsedTimeMillis(20_000).build();
    }

    public static Drive drive(JsonNode user) {
        return new Drive.Builder(TRANSPORT, GsonFactory.getDefaultInstance(), initializer(user))
                .setRootUrl(base() + "/").setApplicationName("vidferry-test").build();
    }

    public static YouTube youtube(JsonNode user) {
        return new YouTube.Builder(TRANSPORT, GsonFactory.getDefaultInstance(), initializer(user))
                .setRootUrl(base() + "/").setApplicationName("vidferry-test").build();
    }
}
