package dev.vidferry.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.vidferry.testsupport.emulator.EmulatorClient.SeededFile;
import dev.vidferry.testsupport.emulator.EmulatorClient.UploadedVideo;

/**
 * Issue #9 black-box: the worker holding a job mid-upload dies ({@code kill -9}), five times in a row. With the
 * production lease (10 s, renewed every 3 s) the other worker takes the expired lease over by itself (no housekeeping
 * re-queue in between) and resumes the same upload session within 15 s; every job ends with exactly one video of the
 * right bytes and at most one chunk sent twice. A replacement worker is started after each kill.
 */
class CrashRecoveryIT {

    private static final long MIB = 1024 * 1024;
    private static final long CHUNK = MIB; // Stack configures the workers with 1 MiB chunks
    private static final Map<String, String> PRODUCTION_LEASE = Map.of("vidferry.worker.lease-duration", "10s",
            "vidferry.worker.heartbeat-interval", "3s");
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

    @Test
    void aJobWhoseWorkerIsKilledMidUploadResumesOnAnotherWorkerWithinSecondsFiveTimesInARow() throws Exception {
        stack.useWorkers(0);
        stack.addWorker(PRODUCTION_LEASE);
        stack.addWorker(PRODUCTION_LEASE);
        // 1 MiB/s per upload connection: the kill lands in the middle of the upload
        stack.emulator().throttle(0, MIB);
        List<String> report = new ArrayList<>();
        CompletableFuture<ServiceProcess> replacement = CompletableFuture.completedFuture(null);
        for (int crash = 1; crash <= 5; crash++) {
            replacement.join(); // always two workers before the next kill
            Member member = Member.connected(stack, "k");
            SeededFile file = seed(member, 4 * MIB + 4096L * crash);
            String jobId = createJob(member, file);
            JsonNode session = awaitSession(member, s -> s.path("bytesReceived").asLong() >= CHUNK + CHUNK / 2);
            String holder = value("SELECT lease_owner FROM upload_job WHERE id = ?::uuid", jobId);
            ServiceProcess victim = stack.worker(holder);

            victim.kill();
            Instant killed = Instant.now();
            int putsAtKill = sessionOf(member, session.path("uploadId").asText()).path("puts").asInt();
            stack.forget(victim);
            replacement = CompletableFuture.supplyAsync(() -> stack.addWorker(PRODUCTION_LEASE));

            Instant claimed = awaitClaimedByAnother(jobId, holder);
            Instant resumed = awaitNewPut(member, session.path("uploadId").asText(), putsAtKill);
            JsonNode job = awaitCompleted(member, jobId);

            List<UploadedVideo> videos = stack.emulator().videos().stream()
                    .filter(v -> v.channelId().equals(member.user().channelId())).toList();
            assertThat(videos).as("videos on the channel after crash %d", crash).hasSize(1);
            assertThat(videos.get(0).id()).isEqualTo(job.path("videoId").asText());
            assertThat(videos.get(0).md5()).isEqualTo(file.md5());
            assertThat(videos.get(0).size()).isEqualTo(file.size());
            List<JsonNode> sessions = sessionsOf(member);
            assertThat(sessions).as("the upload session was resumed, not restarted").hasSize(1);
            long resent = sessions.get(0).path("bytesOnWire").asLong() - file.size();
            assertThat(resent).as("bytes sent twice after crash %d", crash).isBetween(0L, CHUNK);
            assertThat(job.path("attempt").asInt()).isEqualTo(2);
            String finisher = value("SELECT lease_owner FROM upload_job WHERE id = ?::uuid", jobId);
            assertThat(finisher).isNotEqualTo(holder);
            assertThat(value("SELECT count(*) FROM job_outbox WHERE aggregate_id = ?::uuid "
                    + "AND payload->'data'->>'message' = 'worker lost; re-queued'", jobId))
                    .as("taken over by a worker, not re-queued by housekeeping").isEqualTo("0");

            long toClaim = Duration.between(killed, claimed).toMillis();
            long toBytes = Duration.between(killed, resumed).toMillis();
            report.add(String.format(
                    "crash %d: claimed again after %d ms, first request of the new attempt after %d ms, %d bytes re-sent",
                    crash, toClaim, toBytes, resent));
            assertThat(toBytes).as("kill -9 to the upload running again, crash %d", crash).isLessThan(15_000);
        }
        report.forEach(line -> System.out.println("recovery: " + line));
        replacement.join();
    }

    /** A seeded file with its digest (the emulator hashes large files in the background). */
    private SeededFile seed(Member member, long size) {
        SeededFile seeded = stack.emulator().seedFile(member.user().username(), null, "crash.mp4", size);
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            Optional<SeededFile> listed = stack.emulator().files(member.user().username()).stream()
                    .filter(f -> f.id().equals(seeded.id()) && f.md5() != null).findFirst();
            if (listed.isPresent()) {
                return listed.get();
            }
            ServiceProcess.sleep(100);
        }
        throw new AssertionError("the emulator gave no md5 for " + seeded.id());
    }

    private String createJob(Member member, SeededFile file) {
        ApiClient.Answer created = member.api().post("/jobs", Map.of("driveFileId", file.id(), "metadata",
                Map.of("title", "Crash loop", "privacyStatus", "private", "madeForKids", false)));
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        return created.body().path("id").asText();
    }

    private JsonNode awaitCompleted(Member member, String jobId) {
        JsonNode job = member.api().await("/jobs/" + jobId,
                j -> j.path("status").asText().matches("completed|failed|cancelled"), Duration.ofSeconds(90));
        assertThat(job.path("status").asText()).as(job.toString()).isEqualTo("completed");
        return job;
    }

    private List<JsonNode> sessionsOf(Member member) {
        List<JsonNode> sessions = new ArrayList<>();
        stack.emulator().call("GET", "/_emulator/uploads", null).forEach(s -> {
            if (s.path("owner").asText().equals(member.user().username())) {
                sessions.add(s);
            }
        });
        return sessions;
    }

    private JsonNode sessionOf(Member member, String uploadId) {
        return sessionsOf(member).stream().filter(s -> s.path("uploadId").asText().equals(uploadId)).findFirst()
                .orElseThrow(() -> new AssertionError("no upload session " + uploadId));
    }

    private JsonNode awaitSession(Member member, java.util.function.Predicate<JsonNode> condition) {
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            Optional<JsonNode> match = sessionsOf(member).stream().filter(condition).findFirst();
            if (match.isPresent()) {
                return match.get();
            }
            ServiceProcess.sleep(20);
        }
        throw new AssertionError("no upload session of " + member.user().username() + " became as expected: "
                + sessionsOf(member));
    }

    /** When another worker held the job's lease (polled every 20 ms). */
    private Instant awaitClaimedByAnother(String jobId, String holder) throws SQLException {
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            String owner = value("SELECT lease_owner FROM upload_job WHERE id = ?::uuid", jobId);
            if (owner != null && !owner.equals(holder)) {
                return Instant.now();
            }
            ServiceProcess.sleep(20);
        }
        throw new AssertionError("job " + jobId + " was not taken over from " + holder);
    }

    /**
     * When the session got a request the killed worker did not send (polled every 20 ms): its bytes on the wire still
     * grow for a while after the kill, as the emulator drains the dead connection's socket buffers.
     */
    private Instant awaitNewPut(Member member, String uploadId, int putsAtKill) {
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            JsonNode session = sessionOf(member, uploadId);
            if (session.path("puts").asInt() > putsAtKill || session.path("complete").asBoolean()) {
                return Instant.now();
            }
            ServiceProcess.sleep(20);
        }
        throw new AssertionError("session " + uploadId + " received nothing after the kill");
    }

    private static String value(String sql, String param) throws SQLException {
        try (Connection db = stack.db(); PreparedStatement query = db.prepareStatement(sql)) {
            query.setString(1, param);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? row.getString(1) : null;
            }
        }
    }
}
