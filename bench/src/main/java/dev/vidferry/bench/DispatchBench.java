package dev.vidferry.bench;

import static dev.vidferry.bench.BenchContext.MIB;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import dev.vidferry.bench.BenchContext.Created;
import dev.vidferry.bench.BenchContext.JobRow;
import dev.vidferry.testsupport.emulator.EmulatorClient.SeededFile;

/**
 * P2: POST response -> claim ({@code started_at}) for small jobs queued one at a time on idle workers; and under
 * saturation (more jobs than slots, throttled so each takes a while): how long a freed slot stays empty while jobs
 * wait, from the jobs' own timestamps.
 */
final class DispatchBench implements Benchmark {

    @Override
    public String id() {
        return "P2";
    }

    @Override
    public String name() {
        return "dispatch";
    }

    @Override
    public void run(BenchContext ctx, Report report) throws Exception {
        BenchContext.User user = ctx.newUser("p2");
        try (Connection db = ctx.db()) {
            idle(ctx, report, user, db);
            saturated(ctx, report, user, db);
        } finally {
            ctx.throttle(0);
        }
    }

    private void idle(BenchContext ctx, Report report, BenchContext.User user, Connection db) throws Exception {
        int count = ctx.quick ? 20 : 500;
        List<SeededFile> files = ctx.emulator.seedFolder(user.google().username(), null, "p2-idle", count, 64 * 1024)
                .stream().filter(f -> !f.isFolder()).toList();
        List<Double> latencies = new ArrayList<>();
        for (SeededFile file : files) {
            Created job = ctx.createJob(user, file.id(), null);
            JobRow done = ctx.awaitJob(db, job.id(), JobRow::finished, Duration.ofSeconds(60), 5);
            report.check(id(), done.status().equals("completed"), "idle job ended " + done.status());
            latencies.add(Duration.between(job.answered(), done.startedAt()).toNanos() / 1e6);
        }
        Stats stats = Stats.of(latencies);
        report.row(id(), "idle workers: POST response -> claim, " + count + " jobs one at a time",
                stats.summary("ms"), "p50 < 50 ms, p99 < 200 ms", stats.p50() < 50 && stats.p99() < 200);
    }

    private void saturated(BenchContext ctx, Report report, BenchContext.User user, Connection db) throws Exception {
        int slots = ctx.workerCount() * BenchContext.SLOTS_PER_WORKER;
        int count = ctx.quick ? slots * 3 : slots * 10;
        long size = ctx.quick ? 2 * MIB : 8 * MIB;
        ctx.throttle(4 * MIB); // 0.5-2 s per job: slots stay busy while the queue drains
        String batch = "p2-sat-" + UUID.randomUUID();
        List<String> files = ctx.emulator.seedFolder(user.google().username(), null, batch, count, size).stream()
                .filter(f -> !f.isFolder()).map(SeededFile::id).toList();
        ctx.createBulk(user, files, batch);
        List<JobRow> rows = ctx.awaitBatch(db, batch, count, Duration.ofMinutes(10));
        Saturation result = Saturation.of(rows, slots);
        report.row(id(), "saturated (" + count + " jobs, " + slots + " slots): a slot frees -> next job claimed",
                result.handover().summary("ms"), "p99 < 100 ms", result.handover().p99() < 100);
        report.row(id(), "saturated: slot time left empty while a job waited", String.format(
                "%.0f ms in all over %.1f s (%.2f%% of slot time)", result.idleWhileWaitingMillis(),
                result.spanMillis() / 1000, 100 * result.idleWhileWaitingMillis() / (result.spanMillis() * slots)),
                "none beyond the hand-over", null);
        report.check(id(), result.handover().count() == count - slots, "hand-overs " + result.handover().count());
    }

    /** The hand-over latencies and idle slot time of a saturated run, from claim and completion times. */
    record Saturation(Stats handover, double idleWhileWaitingMillis, double spanMillis) {

        static Saturation of(List<JobRow> rows, int slots) {
            List<Instant> starts = rows.stream().map(JobRow::startedAt).sorted().toList();
            List<Instant> ends = rows.stream().map(JobRow::completedAt).sorted().toList();
            // the k-th completion frees the slot the (slots + k)-th claim takes
            List<Double> handover = new ArrayList<>();
            for (int k = 0; k + slots < starts.size(); k++) {
                handover.add(Duration.between(ends.get(k), starts.get(k + slots)).toNanos() / 1e6);
            }
            // sweep: while some job was created but not claimed, every free slot is idle time
            record Event(Instant at, int running, int waiting) {
            }
            List<Event> events = new ArrayList<>();
            rows.forEach(r -> {
                events.add(new Event(r.createdAt(), 0, 1));
                events.add(new Event(r.startedAt(), 1, -1));
                events.add(new Event(r.completedAt(), -1, 0));
            });
            events.sort(Comparator.comparing(Event::at));
            double idle = 0;
            int running = 0;
            int waiting = 0;
            Instant previous = events.get(0).at();
            for (Event e : events) {
                if (waiting > 0 && running < slots) {
                    idle += Math.min(slots - running, waiting) * Duration.between(previous, e.at()).toNanos() / 1e6;
                }
                running += e.running();
                waiting += e.waiting();
                previous = e.at();
            }
            double span = Duration.between(events.get(0).at(), previous).toNanos() / 1e6;
            return new Saturation(Stats.of(handover), idle, span);
        }
    }
}
