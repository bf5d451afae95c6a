package dev.vidferry.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import com.fasterxml.jackson.databind.JsonNode;

import dev.vidferry.testsupport.emulator.EmulatorClient;
import dev.vidferry.testsupport.emulator.EmulatorClient.SeededFile;

/**
 * Issue #4's measurements, run on demand ({@code bench/pipeline/run.sh}), never in CI: worker peak RSS for 1 and
 * 2 GiB files, end-to-end throughput against a raw curl pipe through the same emulator, and dispatch latency. The
 * results are appended to {@code docs/benchmarks.md}.
 */
@EnabledIfSystemProperty(named = "vidferry.bench", matches = "true")
class PipelineBench {

    private static final long MIB = 1024 * 1024;
    private final StringBuilder report = new StringBuilder();

    private static Map<String, Object> job(SeededFile file) {
        return Map.of("driveFileId", file.id(), "metadata", Map.of("title", "bench " + file.name(),
                "privacyStatus", "private", "madeForKids", false));
    }

    private static JsonNode run(Member member, SeededFile file, Duration timeout) {
        String id = member.api().post("/jobs", job(file)).body().path("id").asText();
        JsonNode done = member.api().await("/jobs/" + id,
                j -> j.path("status").asText().matches("completed|failed"), timeout);
        assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("completed");
        return done;
    }

    @Test
    void measureThePipeline() throws Exception {
        Stack stack = Stack.withWorkers(0);
        stack.useWorkers(0);
        // the production default chunk size, not the tests' 1 MiB
        ServiceProcess worker = stack.addWorker(Map.of("vidferry.worker.chunk-size", "8M"));
        Member member = Member.connected(stack, "bench");
        report.append("\n## Pipeline (issue #4) — ").append(Instant.now().atOffset(ZoneOffset.UTC).toLocalDate())
                .append("\n\nMachine: ").append(Runtime.getRuntime().availableProcessors())
                .append(" cores; worker -Xmx256m, default chunk size 8 MiB; emulator in the bench JVM.\n\n");

        // --- memory: peak RSS of the worker process while it uploads 1 GiB, then 2 GiB ---
        report.append("| file | worker VmHWM before | after | wall time | throughput |\n|---|---|---|---|---|\n");
        for (long size : List.of(1024 * MIB, 2048 * MIB)) {
            SeededFile file = stack.emulator().seedFile(member.user().username(), null, "big-" + size + ".mp4", size);
            long before = peakRssKib(worker.pid());
            long start = System.nanoTime();
            run(member, file, Duration.ofMinutes(10));
            double seconds = (System.nanoTime() - start) / 1e9;
            long after = peakRssKib(worker.pid());
            report.append(String.format("| %d MiB | %d MiB | %d MiB | %.1f s | %.0f MiB/s |%n", size / MIB,
                    before / 1024, after / 1024, seconds, size / MIB / seconds));
            System.out.println(report);
        }

        // --- transfer: one 1 GiB job vs a raw curl pipe of the same bytes through the same emulator ---
        SeededFile gib = stack.emulator().seedFile(member.user().username(), null, "ratio.mp4", 1024 * MIB);
        long t0 = System.nanoTime();
        run(member, gib, Duration.ofMinutes(10));
        double pipeline = 1024 / ((System.nanoTime() - t0) / 1e9);
        double raw = rawCurlPipe(stack, member, gib);
        System.out.printf("pipeline %.0f MiB/s, raw %.0f MiB/s%n", pipeline, raw);
        report.append(String.format("%nEnd-to-end 1 GiB job: %.0f MiB/s; raw curl pipe (Drive GET | 8 MiB PUTs): "
                + "%.0f MiB/s; ratio %.2f (target >= 0.8).%n", pipeline, raw, pipeline / raw));

        // --- dispatch: POST response -> claim (started_at), 200 small jobs, one at a time on an idle worker ---
        List<SeededFile> small = stack.emulator().seedFolder(member.user().username(), null, "dispatch", 200, 64 * 1024)
                .stream().filter(f -> !f.isFolder()).toList();
        List<Double> latencies = new ArrayList<>();
        try (Connection db = stack.db();
                PreparedStatement startedAt = db.prepareStatement("SELECT started_at FROM upload_job WHERE id = ?")) {
            for (SeededFile file : small) {
                ApiClient.Answer created = member.api().post("/jobs", job(file));
                Instant answered = Instant.now();
                String id = created.body().path("id").asText();
                member.api().await("/jobs/" + id, j -> j.path("status").asText().matches("completed|failed"),
                        Duration.ofSeconds(60));
                startedAt.setObject(1, UUID.fromString(id));
                try (ResultSet row = startedAt.executeQuery()) {
                    row.next();
                    Instant claimed = row.getTimestamp(1).toInstant();
                    latencies.add(Duration.between(answered, claimed).toNanos() / 1e6);
                }
            }
        }
        Collections.sort(latencies);
        report.append(String.format("%nDispatch, POST response -> worker claim, %d jobs: p50 %.1f ms, p99 %.1f ms, "
                + "max %.1f ms (targets < 50 ms / < 200 ms; negative = claimed before the response reached the client)."
                + "%n", latencies.size(), percentile(latencies, 50), percentile(latencies, 99),
                latencies.get(latencies.size() - 1)));

        Path out = Path.of(System.getProperty("vidferry.repo.root", "..")).resolve("docs/benchmarks.md");
        if (!Files.exists(out)) {
            Files.writeString(out, "# Benchmarks\n\nRun on demand; never part of CI. Newest results last.\n");
        }
        Files.writeString(out, report.toString(), StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        System.out.println(report);
    }

    private static double percentile(List<Double> sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
    }

    private static long peakRssKib(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        throw new IllegalStateException("no VmHWM for " + pid);
    }

    /** {@code bench/pipeline/raw-pipe.sh}: curl download piped into curl chunk uploads; returns MiB/s. */
    private static double rawCurlPipe(Stack stack, Member member, SeededFile file) throws Exception {
        JsonNode tokens = stack.emulator().issueTokens(member.user().username(), "vidferry",
                "https://www.googleapis.com/auth/drive.readonly https://www.googleapis.com/auth/youtube.upload");
        String token = tokens.hasNonNull("accessToken")
                ? tokens.get("accessToken").asText()
                : tokens.path("access_token").asText();
        Path script = Path.of(System.getProperty("vidferry.repo.root", "..")).resolve("bench/pipeline/raw-pipe.sh");
        Process process = new ProcessBuilder("bash", script.toString(), stack.emulator().baseUrl(), token, file.id(),
                String.valueOf(file.size())).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(10, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        String[] lines = output.trim().split("\n");
        return Double.parseDouble(lines[lines.length - 1].trim());
    }
}
