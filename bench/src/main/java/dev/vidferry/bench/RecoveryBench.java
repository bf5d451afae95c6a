package dev.vidferry.bench;

import static dev.vidferry.bench.BenchContext.MIB;

import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.vidferry.bench.BenchContext.Created;
import dev.vidferry.bench.BenchContext.JobRow;
import dev.vidferry.testsupport.emulator.EmulatorClient.SeededFile;

/**
 * P7: {@code kill -9} of the worker running a (throttled, long) job -> the job running again on another worker, from
 * the database's lease owner; a fresh job per crash (each crash costs an attempt).
 */
final class RecoveryBench implements Benchmark {

    @Override
    public String id() {
        return "P7";
    }

    @Override
    public String name() {
        return "recovery";
    }

    @Override
    public void run(BenchContext ctx, Report report) throws Exception {
        int crashes = ctx.quick ? 1 : 5;
        BenchContext.User user = ctx.newUser("p7");
        List<Double> recovery = new ArrayList<>();
        try (Connection db = ctx.db()) {
            ctx.throttle(8 * MIB);
            for (int crash = 1; crash <= crashes; crash++) {
                ctx.workers(2);
                SeededFile file = ctx.emulator.seedFile(user.google().username(), null, "p7-" + crash + ".mp4",
                        512 * MIB);
                Created job = ctx.createJob(user, file.id(), null);
                JobRow busy = ctx.awaitJob(db, job.id(), r -> r.running() && r.leaseOwner() != null && r.bytes() > 0,
                        Duration.ofSeconds(60), 20);
                long pid = ctx.pid(busy.leaseOwner());
                long start = System.nanoTime();
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly); // SIGKILL
                JobRow again = ctx.awaitJob(db, job.id(), r -> r.running() && r.leaseOwner() != null
                        && !r.leaseOwner().equals(busy.leaseOwner()) && r.attempt() > busy.attempt(),
                        Duration.ofSeconds(90), 20);
                double seconds = (System.nanoTime() - start) / 1e9;
                recovery.add(seconds);
                report.info(id(), "crash " + crash, String.format("%s killed, attempt %d running on %s after %.2f s",
                        busy.leaseOwner(), again.attempt(), again.leaseOwner(), seconds));
                ctx.call("POST", "/api/v1/jobs/" + job.id() + "/cancel", user.token(), null).expect(200, 202);
            }
            if (!ctx.quick) {
                ctx.workers(2);
            }
        } finally {
            ctx.throttle(0);
        }
        Stats stats = Stats.of(recovery);
        report.row(id(), "kill -9 of the busy worker -> job running on another, " + crashes + " crash"
                + (crashes == 1 ? "" : "es"), stats.summary("s"), "< 15 s", stats.max() < 15);
    }
}
