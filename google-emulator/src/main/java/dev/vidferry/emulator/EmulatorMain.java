package dev.vidferry.emulator;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * {@code java -jar quarkus-run.jar [--demo] [--port=8089] [--host=0.0.0.0] [--legacy-quota]}; the same settings are
 * also plain config ({@code vidferry.emulator.*}, e.g. {@code -Dvidferry.emulator.demo-seed=true}).
 */
@QuarkusMain
public class EmulatorMain {

    public static void main(String... args) {
        if (System.getProperty("quarkus.http.host-enabled") == null) {
            // the emulator listens on its own port; Quarkus' HTTP server would only take another one
            System.setProperty("quarkus.http.host-enabled", "false");
        }
        for (String arg : args) {
            if (arg.equals("--demo") || arg.equals("--demo-seed")) {
                System.setProperty("vidferry.emulator.demo-seed", "true");
            } else if (arg.startsWith("--port=")) {
                System.setProperty("vidferry.emulator.port", arg.substring(7));
            } else if (arg.startsWith("--host=")) {
                System.setProperty("vidferry.emulator.host", arg.substring(7));
            } else if (arg.startsWith("--base-url=")) {
                System.setProperty("vidferry.emulator.base-url", arg.substring(11));
            } else if (arg.equals("--legacy-quota")) {
                System.setProperty("vidferry.emulator.quota-model", "legacy");
            }
        }
        Quarkus.run(args);
    }
}
