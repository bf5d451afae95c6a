package dev.vidferry.bench;

import static dev.vidferry.bench.BenchContext.MIB;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;

import dev.vidferry.bench.BenchContext.Created;
import dev.vidferry.bench.BenchContext.JobRow;
import dev.vidferry.testsupport.emulator.EmulatorClient.SeededFile;

/**
 * P1: one file through one worker against the limit (one streamed GET piped into one PUT) and against download-then-
 * upload, throttled (32 MiB/s each way per request) and unthrottled, side by side; the worker's peak RSS.
 */
final class TransferBench implements Benchmark {

    static final long THROTTLE = 32 * MIB;

    @Override
    public String id() {
        return "P1";
    }

    @Override
    public String name() {
        return "transfer";
    }

    @Override
    public void run(BenchContext ctx, Report report) throws Exception {
        List<Long> sizes = ctx.quick ? List.of(16 * MIB, 32 * MIB) : List.of(1024 * MIB, 2048 * MIB);
        BenchContext.User user = ctx.newUser("p1");
        var tokens = ctx.emulator.issueTokens(user.google().username(), "vidferry",
                "https://www.googleapis.com/auth/drive.readonly https://www.googleapis.com/auth/youtube.upload");
        String googleToken = tokens.hasNonNull("accessToken")
                ? tokens.get("accessToken").asText()
                : tokens.path("access_token").asText();
        Baselines baselines = new Baselines(ctx.emulator.baseUrl(), googleToken);
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        try (Connection db = ctx.db()) {
            // warm-up, not measured: a job through each worker (JIT, connection pools, token refresh)
            String warm = "p1-warm-" + java.util.UUID.randomUUID();
            List<String> warmFiles = ctx.emulator.seedFolder(user.google().username(), null, warm,
                    ctx.workerCount() * BenchContext.SLOTS_PER_WORKER, 8 * MIB).stream().filter(f -> !f.isFolder())
                    .map(SeededFile::id).toList();
            ctx.createBulk(user, warmFiles, warm);
            ctx.awaitBatch(db, warm, warmFiles.size(), Duration.ofMinutes(5));
            for (boolean throttled : List.of(true, false)) {
                ctx.throttle(throttled ? THROTTLE : 0);
                for (long size : sizes) {
                    String label = (size / MIB >= 1024 ? size / MIB / 1024 + " GiB" : size / MIB + " MiB")
                            + (throttled ? " @32 MiB/s" : " unthrottled");
                    SeededFile file = ctx.emulator.seedFile(user.google().username(), null,
                            "p1-" + size + (throttled ? "-t" : "-u") + ".mp4", size);
                    Created job = ctx.createJob(user, file.id(), null);
                    // the owner, read while it runs: whose peak RSS this transfer drove
                    JobRow running = ctx.awaitJob(db, job.id(), r -> r.leaseOwner() != null || r.finished(),
                            Duration.ofMinutes(2), 20);
                    JobRow done = ctx.awaitJob(db, job.id(), JobRow::finished, Duration.ofMinutes(15), 50);
                    report.check(id(), done.status().equals("completed"), label + ": job ended " + done.status());
                    double vidferry = Duration.between(job.answered(), done.completedAt()).toNanos() / 1e9;
                    long rss = running.leaseOwner() == null
                            ? -1
                            : BenchContext.peakRssKib(ctx.pid(running.leaseOwner())) / 1024;
                    double limit = baselines.streamed(file.id(), size);
                    double original = baselines.downloadThenUpload(file.id(), size, tmp);
                    double mib = size / (double) MIB;
                    double ratio = limit / vidferry;
                    report.row(id(), "transfer " + label, String.format(
                            "vidferry %.1f s (%.0f MiB/s), limit pipe %.1f s (%.0f MiB/s), download-then-upload %.1f s"
                                    + " (%.0f MiB/s): **%.2fx the limit**, %.2fx download-then-upload",
                            vidferry, mib / vidferry, limit, mib / limit, original, mib / original, ratio,
                            original / vidferry), throttled ? ">= 0.98x the limit" : null,
                            throttled ? ratio >= 0.98 : null);
                    report.row(id(), "worker peak RSS (VmHWM) after " + label,
                            rss < 0 ? "unknown" : rss + " MiB (" + running.leaseOwner() + ")", "< 300 MiB",
                            rss < 0 ? null : rss < 300);
                    report.check(id(), vidferry > 0 && limit > 0 && original > 0, "non-positive time");
                    String category = (size / MIB >= 1024 ? size / MIB / 1024 + " GiB" : size / MIB + " MiB")
                            + (throttled ? " throttled" : "");
                    report.point("P1 transfer throughput (MiB/s)", "vidferry", category, mib / vidferry);
                    report.point("P1 transfer throughput (MiB/s)", "limit: GET | PUT", category, mib / limit);
                    report.point("P1 transfer throughput (MiB/s)", "download, then upload", category, mib / original);
                }
            }
        } finally {
            ctx.throttle(0);
        }
    }
}
