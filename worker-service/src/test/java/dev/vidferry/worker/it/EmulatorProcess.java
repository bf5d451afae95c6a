package dev.vidferry.worker.it;

import dev.vidferry.emulator.EmulatorOptions;
import dev.vidferry.emulator.EmulatorServer;
import io.vertx.core.Vertx;

/** Runs the Google emulator in its own JVM (see {@link EmbeddedEmulatorResource}); prints its base URL. */
public final class EmulatorProcess {

    private EmulatorProcess() {
    }

    public static void main(String[] args) throws InterruptedException {
        EmulatorServer server = EmulatorServer.start(Vertx.vertx(),
                EmulatorOptions.defaults().withHost("127.0.0.1").withPort(0));
        System.out.println("EMULATOR " + server.baseUrl());
        System.out.flush();
        Thread.currentThread().join();
    }
}
