package dev.vidferry.emulator;

import java.util.Optional;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;

import dev.vidferry.emulator.youtube.QuotaConfig;

/**
 * Starts the emulator when this module runs as its own application ({@code vidferry.emulator.app=true} at build time),
 * never when the jar is merely on another service's test classpath.
 */
@Singleton
@IfBuildProperty(name = "vidferry.emulator.app", stringValue = "true")
public class EmulatorApp {

    private final Vertx vertx;
    private final String host;
    private final int port;
    private final Optional<String> baseUrl;
    private final boolean demoSeed;
    private final String quotaModel;
    private EmulatorServer server;

    public EmulatorApp(Vertx vertx,
            @ConfigProperty(name = "vidferry.emulator.host", defaultValue = "0.0.0.0") String host,
            @ConfigProperty(name = "vidferry.emulator.port", defaultValue = "8089") int port,
            @ConfigProperty(name = "vidferry.emulator.base-url") Optional<String> baseUrl,
            @ConfigProperty(name = "vidferry.emulator.demo-seed", defaultValue = "false") boolean demoSeed,
            @ConfigProperty(name = "vidferry.emulator.quota-model", defaultValue = "current") String quotaModel) {
        this.vertx = vertx;
        this.host = host;
        this.port = port;
        this.baseUrl = baseUrl;
        this.demoSeed = demoSeed;
        this.quotaModel = quotaModel;
    }

    void onStart(@Observes StartupEvent event) {
        server = EmulatorServer.start(vertx, new EmulatorOptions(host, port, baseUrl.orElse(null), demoSeed,
                QuotaConfig.of(quotaModel), 0));
        Log.infof("Google emulator listening on %s (demo seed: %s)", server.baseUrl(), demoSeed);
    }

    void onStop(@Observes ShutdownEvent event) {
        if (server != null) {
            server.close();
        }
    }

    public EmulatorServer server() {
        return server;
    }
}
