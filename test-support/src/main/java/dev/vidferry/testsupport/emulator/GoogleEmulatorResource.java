package dev.vidferry.testsupport.emulator;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;

import dev.vidferry.emulator.EmulatorOptions;
import dev.vidferry.emulator.EmulatorServer;

/**
 * Starts the Google emulator once per JVM on a free port and points a service at it: Drive/YouTube root URLs, token
 * URI, the default OAuth client and the OIDC issuer. Tests reach its control API through {@link #client()}.
 *
 * <pre>{@code @QuarkusTestResource(GoogleEmulatorResource.class)}</pre>
 * Init arg {@code demo-seed=true} loads the demo seed (users alice and bob) when the emulator starts.
 */
public class GoogleEmulatorResource implements QuarkusTestResourceLifecycleManager {

    /** System property holding the running emulator's base URL (visible from every class loader of the JVM). */
    public static final String URL_PROPERTY = "vidferry.emulator.url";

    private static EmulatorServer server;
    private boolean demoSeed;

    @Override
    public void init(Map<String, String> initArgs) {
        demoSeed = Boolean.parseBoolean(initArgs.getOrDefault("demo-seed", "false"));
    }

    @Override
    public Map<String, String> start() {
        String base = ensureStarted(demoSeed);
        String root = base + "/";
        return Map.of(
                "vidferry.google.drive-root-url", root,
                "vidferry.google.youtube-root-url", root,
                "vidferry.google.oauth2-root-url", root,
                "vidferry.google.token-uri", base + "/token",
                "vidferry.google.authorization-uri", base + "/o/oauth2/v2/auth",
                "vidferry.google.revocation-uri", base + "/revoke",
                "vidferry.google.client-id", "vidferry",
                "vidferry.google.client-secret", "vidferry-secret",
                "quarkus.oidc.auth-server-url", base,
                "quarkus.oidc.client-id", "vidferry");
    }

    /** Starts the embedded emulator if no emulator runs in this JVM yet; returns its base URL. */
    public static synchronized String ensureStarted(boolean demoSeed) {
        String running = System.getProperty(URL_PROPERTY);
        if (running != null) {
            return running;
        }
        server = EmulatorServer.start(Vertx.vertx(), EmulatorOptions.defaults().withDemoSeed(demoSeed));
        System.setProperty(URL_PROPERTY, server.baseUrl());
        return server.baseUrl();
    }

    @Override
    public void stop() {
        // one emulator per JVM, shared by every test class; it dies with the JVM
    }

    /** Control client for the emulator started by this resource. */
    public static EmulatorClient client() {
        String url = System.getProperty(URL_PROPERTY);
        if (url == null) {
            throw new IllegalStateException("GoogleEmulatorResource has not started an emulator in this JVM");
        }
        return new EmulatorClient(url);
    }
}
