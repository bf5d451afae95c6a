package dev.vidferry.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.vidferry.testsupport.emulator.EmulatorClient;
import dev.vidferry.testsupport.emulator.EmulatorClient.SeededFile;
import dev.vidferry.testsupport.emulator.EmulatorClient.UploadedVideo;

/**
 * Issue #5 black-box: worker processes die with {@code kill -9} (or get SIGTERM) at chosen points of an upload; the
 * job must still end with exactly one video whose bytes match, re-sending at most one chunk per crash. Points are
 * reached deterministically with the worker's test-only pause points ({@code vidferry.worker.debug.pause-at}) or
 * the emulator's throttle/latency, and the kill is a real SIGKILL of the OS process.
 */
class ResilienceIT {

    private static final long MIB = 1024 * 1024;
    private static final long CHUNK = MIB; // Stack configures the workers with 1 MiB chunks
    private static Stack stack;

    @BeforeAll
    static void startTheSystem() {
        stack = Stack.withWorkers(0);
    }

    @AfterEach
    void calmTheEmulator() {
        stack.emulator().clearFaults();
        stack.emulator().setQuotaLimits(Map.of("videos.insert", 1_000_000L, "default", 100_000_000L));
        stack.useWorkers(0);
    }

    private SeededFile seed(Member member, long size) {
        SeededFile seeded = stack.emulator().seedFile(member.user().username(), null, "crash.mp4", size);
        return stack.emulator().files(member.user().username()).stream().filter(f -> f.id().equals(seeded.id()))
                .findFirst().orElseThrow();
    }

    private String createJob(Member member, SeededFile file) {
        ApiClient.Answer created = member.api().post("/jobs", Map.of("driveFileId", file.id(), "metadata",
                Map.of("title", "Crash test", "privacyStatus", "private", "madeForKids", false)));
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        return created.body().path("id").asText();
    }

    private JsonNode awaitCompleted(Member member, String jobId) {
        JsonNode job = member.api().await("/jobs/" + jobId,
                j -> j.path("status").asText().matches("completed|failed|cancelled"), Duration.ofSeconds(90));
        assertThat(job.path("status").asText()).as(job.toString()).isEqualTo("completed");
        return job;
    }

    /** Upload sessions the emulator holds for this member's channel (by owner username). */
    private List<JsonNode> sessionsOf(Member member) {
        List<JsonNode> sessions = new ArrayList<>();
        stack.emulator().call("GET", "/_emulator/uploads", null).forEach(s -> {
            if (s.path("owner").asText().equals(member.user().username())) {
                sessions.add(s);
            }
        });
        return sessions;
    }

    private void awaitSession(Member member, Predicate<JsonNode> condition) {
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            if (sessionsOf(member).stream().anyMatch(condition)) {
                return;
            }
            ServiceProcess.sleep(20);
        }
        throw new AssertionError("no upload session of " + member.user().username() + " became as expected: "
                + sessionsOf(member));
    }

    /** One video, the right bytes, and at most {@code crashes} chunks sent twice. */
    private void assertOneFaithfulVideo(Member member, SeededFile file, JsonNode job, int crashes) {
        List<UploadedVideo> videos = stack.emulator().videos().stream()
                .filter(v -> v.channelId().equals(member.user().channelId())).toList();
        assertThat(videos).as("videos on the channel").hasSize(1);
        assertThat(videos.get(0).id()).isEqualTo(job.path("videoId").asText());
        assertThat(videos.get(0).md5()).isEqualTo(file.md5());
        assertThat(videos.get(0).size()).isEqualTo(file.size());
        long onWire = sessionsOf(member).stream().mapToLong(s -> s.path("bytesOnWire").asLong()).sum();
        System.out.printf("resilience: job %s attempt %d, %d session(s), %d bytes re-sent (chunk %d)%n",
                job.path("id").asText(), job.path("attempt").asInt(), sessionsOf(member).size(), onWire - file.size(),
                CHUNK);
        assertThat(onWire - file.size()).as("bytes re-sent after %d crash(es)", crashes)
                .isBetween(0L, crashes * CHUNK);
    }

    /** A victim worker pauses at {@code point} on the job's first attempt; it is SIGKILLed there. */
    private void crashAt(String point) {
        Member member = Member.connected(stack, "r");
        SeededFile file = seed(member, 6 * MIB + 12345);
        ServiceProcess victim = stack.addWorker(Map.of("vidferry.worker.debug.pause-at", point));
        String jobId = createJob(member, file);
        victim.awaitLog("vidferry-debug-pause point=" + point + " job=" + jobId, Duration.ofSeconds(60));
        stack.addWorker();
        victim.kill();
        stack.forget(victim);

        JsonNode job = awaitCompleted(member, jobId);
        assertThat(job.path("attempt").asInt()).isGreaterThanOrEqualTo(2);
        assertOneFaithfulVideo(member, file, job, 1);
    }

    @Test
    void aWorkerKilledBeforeTheFirstChunkIsReplacedAndTheJobCompletes() {
        crashAt("before-first-chunk");
    }

    @Test
    void aWorkerKilledBetweenChunksIsResumedFromTheConfirmedOffset() {
        crashAt("between-chunks");
    }

    @Test
    void aWorkerKilledAfterTheLastChunkButBeforeRecordingLeavesExactlyOneVideo() {
        crashAt("before-record");
    }

    @Test
    void aWorkerKilledWhileReadingDriveBeforeAnySessionExistsIsReplaced() {
        Member member = Member.connected(stack, "r");
        SeededFile file = seed(member, 4 * MIB);
        stack.emulator().setLatency(Duration.ofSeconds(3));
        ServiceProcess victim = stack.addWorker();
        String jobId = createJob(member, file);
        member.api().await("/jobs/" + jobId, j -> j.path("status").asText().equals("downloading"),
                Duration.ofSeconds(30));
        assertThat(sessionsOf(member)).isEmpty();
        victim.kill();
        stack.forget(victim);
        stack.emulator().setLatency(Duration.ZERO);
        stack.addWorker();

        JsonNode job = awaitCompleted(member, jobId);
        assertOneFaithfulVideo(member, file, job, 1);
    }

    @Test
    void aWorkerKilledInTheMiddleOfAChunkIsResumedFromWhatYouTubeKept() {
        Member member = Member.connected(stack, "r");
        SeededFile file = seed(member, 6 * MIB);
        stack.emulator().throttle(0, 2 * MIB);
        ServiceProcess victim = stack.addWorker();
        String jobId = createJob(member, file);
        // past the first chunk and in the middle of a later one
        awaitSession(member, s -> s.path("bytesOnWire").asLong() > CHUNK + CHUNK / 3
                && s.path("bytesOnWire").asLong() % CHUNK != 0);
        victim.kill();
        stack.forget(victim);
        stack.emulator().throttle(0, 0);
        stack.addWorker();

        JsonNode job = awaitCompleted(member, jobId);
        assertOneFaithfulVideo(member, file, job, 1);
    }

    @Test
    void aWorkerStoppedWithSigtermHandsItsJobBackAndAnotherResumesIt() {
        Member member = Member.connected(stack, "r");
        SeededFile file = seed(member, 6 * MIB);
        stack.emulator().throttle(0, 2 * MIB);
        ServiceProcess first = stack.addWorker();
        String jobId = createJob(member, file);
        awaitSession(member, s -> s.path("bytesReceived").asLong() >= 2 * CHUNK);
        stack.addWorker();
        first.stop();
        stack.forget(first);
        stack.emulator().throttle(0, 0);

        JsonNode job = awaitCompleted(member, jobId);
        assertOneFaithfulVideo(member, file, job, 1);
        assertThat(sessionsOf(member)).as("the same upload session was resumed").hasSize(1);
    }

    @Test
    void injectedServerErrorsAndConnectionResetsOnChunksDoNotStopAJob() {
        Member member = Member.connected(stack, "r");
        SeededFile file = seed(member, 8 * MIB);
        stack.addWorker();
        stack.emulator().injectFault("upload-put", 1, 503);
        stack.emulator().injectFault("upload-put", 1, 500);
        stack.emulator().injectFault("upload-put", 1, 429);
        stack.emulator().injectConnectionReset("upload-put", CHUNK / 2);
        String jobId = createJob(member, file);
        JsonNode job = awaitCompleted(member, jobId);
        assertOneFaithfulVideo(member, file, job, 4);
    }

    @Test
    void aJobThatMeetsAnExhaustedQuotaIsDeferredToPacificMidnightAndCompletesAfterIt() throws Exception {
        Member member = Member.connected(stack, "q");
        SeededFile file = seed(member, 2 * MIB);
        // YouTube's videos.insert bucket of our project is used up for today
        long usedToday = stack.emulator().quota().path("used").path("vidferry").path("videos.insert").asLong();
        stack.emulator().setQuotaLimits(Map.of("videos.insert", usedToday));
        stack.addWorker();
        String jobId = createJob(member, file);

        JsonNode deferred = member.api().await("/jobs/" + jobId, j -> j.path("status").asText().equals("deferred"),
                Duration.ofSeconds(60));
        assertThat(deferred.path("errorCode").asText()).isEqualTo("QUOTA_EXCEEDED");
        Instant nextMidnight = dev.vidferry.model.quota.PacificDay.nextReset(Instant.now());
        assertThat(Instant.parse(deferred.path("nextAttemptAt").asText())).isEqualTo(nextMidnight);
        assertThat(deferred.path("attempt").asInt()).as("a deferral spends no attempt").isZero();
        assertThat(stack.emulator().videos().stream().filter(v -> v.channelId().equals(member.user().channelId())))
                .isEmpty();

        // Midnight passes in Los Angeles: Google's day rolls over (the emulator's clock), and so does ours. The
        // services run on the real clock, so their view of time is moved the only way a test can: the deferral's due
        // time and today's ledger rows are shifted back by a day, as if that day had passed.
        stack.emulator().advanceClockPastPacificMidnight();
        stack.emulator().setQuotaLimits(Map.of("videos.insert", 1_000_000L)); // a new day, the project's usual quota
        try (java.sql.Connection db = stack.db(); java.sql.Statement sql = db.createStatement()) {
            sql.executeUpdate("UPDATE upload_job SET next_attempt_at = now() WHERE id = '" + jobId + "'");
            sql.executeUpdate("UPDATE quota_ledger SET pacific_date = pacific_date - 1");
        }

        JsonNode job = awaitCompleted(member, jobId);
        assertOneFaithfulVideo(member, file, job, 0);
    }
}
