package dev.vidferry.bench;

import static dev.vidferry.bench.BenchContext.MIB;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.vidferry.bench.BenchContext.Created;
import dev.vidferry.bench.BenchContext.JobRow;
import dev.vidferry.testsupport.emulator.EmulatorClient.SeededFile;

/**
 * P5: 1, 2 and 4 worker processes on throttled transfers (8 MiB/s each way per request, so that bandwidth and not the
 * two shared cores bounds a job): jobs per minute and efficiency against linear scaling from one worker.
 */
final class ScaleOutBench implements Benchmark {

    static final long THROTTLE = 8 * MIB;

    @Override
    public String id() {
        return "P5";
    }

    @Override
    public String name() {
        return "scale";
    }

    @Override
    public void run(BenchContext ctx, Report report) throws Exception {
        // quick: the two running workers first, then one (stopping is cheaper than starting)
        List<Integer> counts = ctx.quick ? List.of(2, 1) : List.of(1, 2, 4);
        long size = ctx.quick ? 4 * MIB : 32 * MIB;
        int rounds = ctx.quick ? 1 : 3;
        BenchContext.User user = ctx.newUser("p5");
        Map<Integer, Double> perMinute = new LinkedHashMap<>();
        try (Connection db = ctx.db()) {
            ctx.throttle(THROTTLE);
            for (int workers : counts) {
                ctx.workers(workers);
                int jobs = workers * BenchContext.SLOTS_PER_WORKER * rounds;
                String batch = "p5-" + workers + "-" + UUID.randomUUID();
                List<String> files = ctx.emulator.seedFolder(user.google().username(), null, batch, jobs, size)
                        .stream().filter(f -> !f.isFolder()).map(SeededFile::id).toList();
                List<Created> created = ctx.createBulk(user, files, batch);
                List<JobRow> rows = ctx.awaitBatch(db, batch, jobs, Duration.ofMinutes(15));
                Instant last = rows.stream().map(JobRow::completedAt).max(Instant::compareTo).orElseThrow();
                double seconds = Duration.between(created.get(0).answered(), last).toNanos() / 1e9;
                perMinute.put(workers, jobs / seconds * 60);
            }
        } finally {
            ctx.throttle(0);
        }
        double one = perMinute.get(1);
        for (Map.Entry<Integer, Double> entry : perMinute.entrySet()) {
            int workers = entry.getKey();
            double efficiency = entry.getValue() / (workers * one);
            report.row(id(), workers + " worker" + (workers == 1 ? "" : "s") + " x " + BenchContext.SLOTS_PER_WORKER
                    + " slots, " + size / MIB + " MiB jobs at " + THROTTLE / MIB + " MiB/s",
                    String.format(
                            "%.1f jobs/min, %.2fx linear", entry.getValue(), efficiency),
                    workers == 1
                            ? null
                            : ">= 0.9x linear",
                    workers == 1 ? null : efficiency >= 0.9);
            report.point("P5 scale-out (jobs/min)", "vidferry", String.valueOf(workers), entry.getValue());
            report.point("P5 scale-out (jobs/min)", "linear", String.valueOf(workers), workers * one);
            report.check(id(), entry.getValue() > 0, "no throughput with " + workers + " workers");
        }
    }
}
