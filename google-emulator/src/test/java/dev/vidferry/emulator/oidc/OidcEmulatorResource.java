package dev.vidferry.emulator.oidc;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;

import dev.vidferry.emulator.EmulatorOptions;
import dev.vidferry.emulator.EmulatorServer;

/** Starts an embedded emulator as the OIDC issuer of the test app. */
public class OidcEmulatorResource implements QuarkusTestResourceLifecycleManager {

    private Vertx vertx;
    private EmulatorServer server;

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        server = EmulatorServer.start(vertx, EmulatorOptions.defaults().withDemoSeed(true));
        return Map.of("quarkus.oidc.auth-server-url", server.baseUrl(), "quarkus.oidc.client-id", "vidferry",
                "quarkus.oidc.token.audience", "vidferry", "emulator.base-url", server.baseUrl());
    }

    @Override
    public void stop() {
        if (server != null) {
            server.close();
            vertx.close();
        }
    }
}
