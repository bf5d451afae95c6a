package dev.vidferry.worker.it;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The Google emulator in a child JVM on a random port (its Vert.x can't share the test's class loaders), the worker's
 * Google URLs pointed at it. Stand-in until test-support's GoogleEmulatorResource exists.
 */
public class EmbeddedEmulatorResource implements QuarkusTestResourceLifecycleManager {

    private static volatile String baseUrl;
    private Process process;

    @Override
    public Map<String, String> start() {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        try {
            process = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                    EmulatorProcess.class.getName()).redirectErrorStream(true).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8));
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("EMULATOR ")) {
                    baseUrl = line.substring("EMULATOR ".length()).trim();
                    break;
                }
            }
            if (baseUrl == null) {
                throw new IllegalStateException("the Google emulator process ended before it listened");
            }
            Thread drain = new Thread(() -> {
                try {
                    while (out.readLine() != null) {
                        // discard the emulator's log
                    }
                } catch (IOException ignored) {
                    // process ended
                }
            }, "emulator-log");
            drain.setDaemon(true);
            drain.start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the Google emulator", e);
        }
        return Map.of(
                "vidferry.google.drive-root-url", baseUrl + "/",
                "vidferry.google.youtube-root-url", baseUrl + "/",
                "vidferry.google.token-uri", baseUrl + "/token",
                "vidferry.google.client-id", "vidferry",
                "vidferry.google.client-secret", "vidferry-secret");
    }

    @Override
    public void stop() {
        if (process != null) {
            process.destroy();
        }
    }

    /** {@code http://127.0.0.1:<port>} of the running emulator. */
    public static String baseUrl() {
        return baseUrl;
    }
}
