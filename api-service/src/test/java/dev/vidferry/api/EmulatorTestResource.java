package dev.vidferry.api;

import dev.vidferry.emulator.EmulatorOptions;
import dev.vidferry.emulator.EmulatorServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import java.util.Map;

/**
 * The Google emulator inside the test JVM on a random port: the issuer of our bearer tokens and Google for Drive
 * and the token endpoint.
 */
public class EmulatorTestResource implements QuarkusTestResourceLifecycleManager {

    private static Vertx vertx;
    private static EmulatorServer server;

    @Override
    public synchronized Map<String, String> start() {
        if (server == null) {
            vertx = Vertx.vertx();
            server = EmulatorServer.start(vertx, EmulatorOptions.defaults().withHost("127.0.0.1").withPort(0));
        }
        String base = server.baseUrl();
        return Map.of(
                "quarkus.oidc.auth-server-url", base,
                "vidferry.google.drive-root-url", base + "/",
                "vidferry.google.youtube-root-url", base + "/",
                "vidferry.google.token-uri", base + "/token",
                "vidferry.google.client-id", "vidferry",
                "vidferry.google.client-secret", "vidferry-secret");
    }

    @Override
    public synchronized void stop() {
        if (server != null) {
            server.close();
            vertx.close();
            server = null;
            vertx = null;
        }
    }

    /** Base URL of the running emulator, e.g. {@code http://127.0.0.1:41234}. */
    public static String baseUrl() {
        return server.baseUrl();
    }
}
