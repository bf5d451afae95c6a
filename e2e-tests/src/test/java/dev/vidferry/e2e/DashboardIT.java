package dev.vidferry.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.vidferry.testsupport.emulator.EmulatorClient;

/**
 * The web dashboard in Debian's headless Chromium, driven by Playwright ({@code src/test/browser/dashboard.mjs},
 * {@code npm ci} by {@code bin/vidferry test}) against the shared stack: alice signs in through the OIDC provider's
 * account chooser, connects Google, opens her Demo folder, previews it, adds it to the queue, watches every bar reach
 * 100 %, cancels one job and retries it; a file named like an HTML element reads as text everywhere. The script
 * saves each screen under {@code docs/screenshots/}.
 */
class DashboardIT {

    static final String USER = "alice";
    static final String HOSTILE = "<img src=x onerror=alert(1)>.mp4";
    /** Slow enough downloads that a job can still be cancelled, fast enough for the whole run to take seconds. */
    static final long DOWNLOAD_BYTES_PER_SECOND = 1L << 20;

    private static Stack stack;

    @BeforeAll
    static void startTheSystem() {
        stack = Stack.withWorkers(2);
        stack.useWorkers(2);
        EmulatorClient google = stack.emulator();
        if (google.users().stream().noneMatch(u -> u.username().equals(USER))) {
            google.createUser(USER, USER);
        }
        String demo = google.seedDemoTree(USER);
        google.seedFile(USER, demo, HOSTILE, 1L << 20);
        google.throttle(DOWNLOAD_BYTES_PER_SECOND, 0);
    }

    @AfterAll
    static void unthrottle() {
        if (stack != null) {
            stack.emulator().throttle(0, 0);
        }
    }

    @Test
    void aliceQueuesHerDemoFolderAndWatchesItUploadInTheBrowser() throws Exception {
        Path root = Path.of(System.getProperty("vidferry.repo.root", "..")).toAbsolutePath().normalize();
        Path browser = root.resolve("e2e-tests/src/test/browser");
        assertThat(browser.resolve("node_modules/playwright-core")).as("run npm ci --prefix " + browser
                + " (bin/vidferry test does)").isDirectory();
        assertThat(Path.of("/usr/bin/chromium")).as("Debian's chromium (bin/vidferry test installs it)").exists();
        Path shots = root.resolve("docs/screenshots");
        Path log = root.resolve("e2e-tests/target/e2e-logs/dashboard-browser.log");
        Files.createDirectories(log.getParent());

        ProcessBuilder node = new ProcessBuilder(List.of("node", browser.resolve("dashboard.mjs").toString()))
                .directory(browser.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
        node.environment().put("VF_BASE_URL", stack.api().baseUrl());
        node.environment().put("VF_USER", USER);
        node.environment().put("VF_FOLDER", "Demo");
        node.environment().put("VF_HOSTILE", HOSTILE);
        node.environment().put("VF_SCREENSHOTS", shots.toString());
        Process process = node.start();
        boolean ended = process.waitFor(5, TimeUnit.MINUTES);
        if (!ended) {
            process.destroyForcibly();
        }
        String output = read(log);
        assertThat(ended).as("the browser script ended within 5 minutes:%n%s", output).isTrue();
        assertThat(process.exitValue()).as("the browser script passed:%n%s%napi log:%n%s", output,
                stack.api().logTail(60)).isZero();
        assertThat(output).contains("[dashboard]").contains("PASSED");
        for (String screen : List.of("01-sign-in", "02-accounts", "03-drive", "04-folder-preview", "05-queue-live",
                "06-queue-done", "07-quota", "08-syncs", "09-queue-narrow")) {
            assertThat(shots.resolve(screen + ".png")).as("screenshot " + screen).isNotEmptyFile();
        }
    }

    private static String read(Path log) throws IOException {
        return Files.isRegularFile(log) ? Files.readString(log) : "(no output)";
    }
}
