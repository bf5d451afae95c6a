package dev.vidferry.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.vidferry.testsupport.emulator.EmulatorClient.SeededFile;

/**
 * Issue #9 black-box: with two workers of two slots each, no job waits while a slot is free (whichever worker its
 * Kafka record reached), owners take turns, each owner's jobs run in order, and no worker ever runs more transfers
 * than it has slots. Times come from Postgres: a job's creation, its claim (the claim's progress event in the outbox)
 * and its completion.
 */
class DispatchIT {

    private static final long MIB = 1024 * 1024;
    private static final int SLOTS = 2; // the workers' default concurrency
    private static final String GAUGE = "vidferry_worker_transfers_active";
    /** No periodic tick within the test: only wake-ups (records, Postgres notifications, freed slots) dispatch. */
    private static final Map<String, String> NO_TICK = Map.of("vidferry.worker.dispatch-interval", "5m");
    private static Stack stack;

    @BeforeAll
    static void startTheSystem() {
        stack = Stack.withWorkers(0);
    }

    @AfterEach
    void calmTheEmulator() {
        stack.emulator().clearFaults();
        stack.useWorkers(0);
    }

    /** One job as Postgres saw it. */
    record Run(String id, String owner, String worker, Instant created, Instant claimed, Instant completed) {
    }

    @Test
    void aFreeSlotNeverIdlesWhileJobsWaitAndOwnersTakeTurnsInOrder() throws Exception {
        stack.useWorkers(0);
        ServiceProcess busy = stack.addWorker(NO_TICK);
        Member heavy = Member.connected(stack, "heavy");
        Member alice = Member.connected(stack, "alice");
        Member bob = Member.connected(stack, "bob");
        // every upload connection moves 1 MiB/s: the long jobs take ~40 s, the short ones ~1.5 s
        stack.emulator().throttle(0, MIB);
        List<String> longJobs = List.of(createJob(heavy, seed(heavy, 40 * MIB)), createJob(heavy, seed(heavy, 40 * MIB + 1)));
        awaitUploading(longJobs, "e2e-" + busy.name());
        ServiceProcess idle = stack.addWorker(NO_TICK);
        Instant idleUp = Instant.now();
        GaugeSampler sampler = GaugeSampler.start(List.of(busy, idle));

        List<SeededFile> aliceFiles = new ArrayList<>();
        List<SeededFile> bobFiles = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            aliceFiles.add(seed(alice, 3 * MIB / 2 + 4096 * i));
            bobFiles.add(seed(bob, 3 * MIB / 2 + 4096 * i + 1));
        }
        List<String> aliceJobs = new ArrayList<>();
        List<String> bobJobs = new ArrayList<>();
        // alice queues a folder's worth first, then bob: bob must not wait for all of alice's jobs
        aliceFiles.forEach(f -> aliceJobs.add(createJob(alice, f)));
        bobFiles.forEach(f -> bobJobs.add(createJob(bob, f)));
        for (String job : aliceJobs) {
            awaitCompleted(alice, job);
        }
        for (String job : bobJobs) {
            awaitCompleted(bob, job);
        }
        sampler.stop();
        stack.emulator().throttle(0, 0);
        for (String job : longJobs) {
            awaitCompleted(heavy, job);
        }

        List<Run> runs = new ArrayList<>();
        for (String job : longJobs) {
            runs.add(run(job, "heavy"));
        }
        aliceJobs.forEach(job -> runs.add(run(job, "alice")));
        bobJobs.forEach(job -> runs.add(run(job, "bob")));
        List<Run> shortRuns = runs.subList(2, runs.size()).stream()
                .sorted(Comparator.comparing(Run::claimed)).toList();
        Map<String, Instant> workerUp = Map.of("e2e-" + busy.name(), Instant.EPOCH, "e2e-" + idle.name(), idleUp);

        List<Long> waits = new ArrayList<>();
        List<Long> idleWaits = new ArrayList<>();
        for (Run run : shortRuns) {
            waits.add(Duration.between(run.created(), run.claimed()).toMillis());
            idleWaits.add(waitedWhileASlotWasFree(run, runs, workerUp).toMillis());
        }
        System.out.printf("dispatch: wait from creation to claim (ms) p50 %d p99 %d max %d; while a slot was free "
                + "p50 %d p99 %d max %d; claim order %s; gauge max %s over %d samples%n",
                percentile(waits, 50), percentile(waits, 99), percentile(waits, 100), percentile(idleWaits, 50),
                percentile(idleWaits, 99), percentile(idleWaits, 100),
                shortRuns.stream().map(r -> r.owner().substring(0, 1)).toList(), sampler.max, sampler.samples.get());

        assertThat(idleWaits).as("ms each job waited while some worker had a free slot").allMatch(w -> w <= 1000);
        assertThat(shortRuns.stream().filter(r -> r.owner().equals("alice")).map(Run::id).toList())
                .as("alice's jobs in the order she queued them").isEqualTo(aliceJobs);
        assertThat(shortRuns.stream().filter(r -> r.owner().equals("bob")).map(Run::id).toList())
                .as("bob's jobs in the order he queued them").isEqualTo(bobJobs);
        assertThat(run(bobJobs.get(0), "bob").claimed()).as("bob's first job starts before alice's folder is done")
                .isBefore(run(aliceJobs.get(4), "alice").claimed());
        assertThat(longestRunWhileTheOtherWaits(shortRuns)).as("claims of one owner in a row while the other waits")
                .isLessThanOrEqualTo(SLOTS);
        assertThat(sampler.exceeded).as("samples of %s above %d", GAUGE, SLOTS).isEmpty();
        assertThat(sampler.max.get("e2e-" + busy.name())).as("the busy worker's gauge saw both long jobs")
                .isEqualTo((double) SLOTS);
    }

    /** How long {@code run} was waiting while at least one slot of a running worker held no transfer. */
    private static Duration waitedWhileASlotWasFree(Run run, List<Run> all, Map<String, Instant> workerUp) {
        TreeSet<Instant> points = new TreeSet<>();
        points.add(run.created());
        points.add(run.claimed());
        for (Run other : all) {
            for (Instant t : List.of(other.claimed(), other.completed())) {
                if (t.isAfter(run.created()) && t.isBefore(run.claimed())) {
                    points.add(t);
                }
            }
        }
        workerUp.values().stream().filter(t -> t.isAfter(run.created()) && t.isBefore(run.claimed()))
                .forEach(points::add);
        Duration free = Duration.ZERO;
        Instant previous = null;
        for (Instant point : points) {
            if (previous != null) {
                Instant middle = previous.plus(Duration.between(previous, point).dividedBy(2));
                if (freeSlots(middle, all, workerUp) > 0) {
                    free = free.plus(Duration.between(previous, point));
                }
            }
            previous = point;
        }
        return free;
    }

    private static int freeSlots(Instant at, List<Run> all, Map<String, Instant> workerUp) {
        int free = 0;
        for (Map.Entry<String, Instant> worker : workerUp.entrySet()) {
            if (!worker.getValue().isAfter(at)) {
                long busy = all.stream().filter(r -> r.worker().equals(worker.getKey()))
                        .filter(r -> !r.claimed().isAfter(at) && r.completed().isAfter(at)).count();
                free += SLOTS - (int) busy;
            }
        }
        return free;
    }

    /** The longest series of claims of one owner while the other owner had a job waiting (created, unclaimed). */
    private static int longestRunWhileTheOtherWaits(List<Run> byClaim) {
        int longest = 0;
        int current = 0;
        String owner = null;
        for (Run run : byClaim) {
            boolean otherWaits = byClaim.stream().anyMatch(r -> !r.owner().equals(run.owner())
                    && r.created().isBefore(run.claimed()) && r.claimed().isAfter(run.claimed()));
            if (!otherWaits) {
                current = 0;
                owner = null;
                continue;
            }
            current = run.owner().equals(owner) ? current + 1 : 1;
            owner = run.owner();
            longest = Math.max(longest, current);
        }
        return longest;
    }

    private static long percentile(List<Long> values, int percentile) {
        List<Long> sorted = values.stream().sorted().toList();
        int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    private SeededFile seed(Member member, long size) {
        return stack.emulator().seedFile(member.user().username(), null, "clip-" + size + ".mp4", size);
    }

    private String createJob(Member member, SeededFile file) {
        ApiClient.Answer created = member.api().post("/jobs", Map.of("driveFileId", file.id(), "metadata",
                Map.of("title", "Dispatch test", "privacyStatus", "private", "madeForKids", false)));
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        return created.body().path("id").asText();
    }

    private void awaitCompleted(Member member, String jobId) {
        var job = member.api().await("/jobs/" + jobId,
                j -> j.path("status").asText().matches("completed|failed|cancelled"), Duration.ofSeconds(180));
        assertThat(job.path("status").asText()).as(job.toString()).isEqualTo("completed");
    }

    private void awaitUploading(List<String> jobs, String workerId) throws SQLException {
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            long holding = 0;
            for (String job : jobs) {
                if (("uploading " + workerId).equals(value("SELECT status || ' ' || lease_owner FROM upload_job "
                        + "WHERE id = ?::uuid", job))) {
                    holding++;
                }
            }
            if (holding == jobs.size()) {
                return;
            }
            ServiceProcess.sleep(100);
        }
        throw new AssertionError("the long jobs did not both start uploading on " + workerId);
    }

    /** The job's creation, first claim (its claim event) and completion, and the worker that completed it. */
    private static Run run(String jobId, String owner) {
        try (Connection db = stack.db();
                PreparedStatement query = db.prepareStatement("SELECT j.lease_owner, j.created_at, j.completed_at, "
                        + "(SELECT min(o.created_at) FROM job_outbox o WHERE o.aggregate_id = j.id "
                        + "AND o.topic = 'upload-job.progress' AND o.payload->'data'->>'status' = 'downloading') "
                        + "AS claimed_at FROM upload_job j WHERE j.id = ?::uuid")) {
            query.setString(1, jobId);
            try (ResultSet row = query.executeQuery()) {
                assertThat(row.next()).isTrue();
                return new Run(jobId, owner, row.getString("lease_owner"), row.getTimestamp("created_at").toInstant(),
                        row.getTimestamp("claimed_at").toInstant(), row.getTimestamp("completed_at").toInstant());
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String value(String sql, String param) throws SQLException {
        try (Connection db = stack.db(); PreparedStatement query = db.prepareStatement(sql)) {
            query.setString(1, param);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? row.getString(1) : null;
            }
        }
    }

    /** Reads every worker's active-transfers gauge every 50 ms on a thread of its own. */
    static final class GaugeSampler {

        final Map<String, Double> max = new ConcurrentHashMap<>();
        final List<String> exceeded = java.util.Collections.synchronizedList(new ArrayList<>());
        final java.util.concurrent.atomic.AtomicInteger samples = new java.util.concurrent.atomic.AtomicInteger();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private Thread thread;

        static GaugeSampler start(List<ServiceProcess> workers) {
            GaugeSampler sampler = new GaugeSampler();
            sampler.thread = new Thread(() -> {
                while (sampler.running.get()) {
                    for (ServiceProcess worker : workers) {
                        double value = worker.metric(GAUGE);
                        if (!Double.isNaN(value)) {
                            sampler.samples.incrementAndGet();
                            sampler.max.merge("e2e-" + worker.name(), value, Math::max);
                            if (value > SLOTS) {
                                sampler.exceeded.add(worker.name() + "=" + value + " at " + Instant.now());
                            }
                        }
                    }
                    ServiceProcess.sleep(50);
                }
            }, "gauge-sampler");
            sampler.thread.setDaemon(true);
            sampler.thread.start();
            return sampler;
        }

        void stop() throws InterruptedException {
            running.set(false);
            thread.join(5000);
        }
    }
}
