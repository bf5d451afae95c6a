package dev.vidferry.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.vidferry.testsupport.emulator.EmulatorClient.SeededFile;
import dev.vidferry.testsupport.emulator.EmulatorClient.UploadedVideo;

/**
 * Issue #9 black-box: the video on YouTube has the bytes of the Drive file, even when the file changes between a
 * crash and the resume, or a Drive download breaks mid-file; and a throttled transfer runs at the slower link's speed.
 */
class FaithfulBytesIT {

    private static final long MIB = 1024 * 1024;
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

    private SeededFile seed(Member member, String name, long size) {
        SeededFile seeded = stack.emulator().seedFile(member.user().username(), null, name, size);
        return stack.emulator().files(member.user().username()).stream().filter(f -> f.id().equals(seeded.id()))
                .findFirst().orElseThrow();
    }

    private String createJob(Member member, SeededFile file) {
        ApiClient.Answer created = member.api().post("/jobs", Map.of("driveFileId", file.id(), "metadata",
                Map.of("title", "Faithful bytes", "privacyStatus", "private", "madeForKids", false)));
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        return created.body().path("id").asText();
    }

    private JsonNode awaitCompleted(Member member, String jobId, Duration timeout) {
        JsonNode job = member.api().await("/jobs/" + jobId,
                j -> j.path("status").asText().matches("completed|failed|cancelled"), timeout);
        assertThat(job.path("status").asText()).as(job.toString()).isEqualTo("completed");
        return job;
    }

    private List<UploadedVideo> videosOf(Member member) {
        return stack.emulator().videos().stream().filter(v -> v.channelId().equals(member.user().channelId()))
                .toList();
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

    @Test
    void aDriveFileChangedBetweenACrashAndTheResumeIsUploadedAnewInANewSession() {
        Member member = Member.connected(stack, "f");
        SeededFile file = seed(member, "changing.mp4", 6 * MIB + 12345);
        ServiceProcess victim = stack.addWorker(Map.of("vidferry.worker.debug.pause-at", "between-chunks"));
        String jobId = createJob(member, file);
        victim.awaitLog("vidferry-debug-pause point=between-chunks job=" + jobId, Duration.ofSeconds(60));
        victim.kill();
        stack.forget(victim);
        String newMd5 = stack.emulator().replaceFileContent(file.id(), 4242);
        assertThat(newMd5).isNotEqualTo(file.md5());

        ServiceProcess rescuer = stack.addWorker();
        JsonNode job = awaitCompleted(member, jobId, Duration.ofSeconds(90));

        rescuer.awaitLog("The Drive file changed since the upload began", Duration.ofSeconds(10));
        assertThat(job.path("attempt").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(videosOf(member)).singleElement().satisfies(video -> {
            assertThat(video.id()).isEqualTo(job.path("videoId").asText());
            assertThat(video.md5()).as("the new revision's bytes, not a mix").isEqualTo(newMd5);
            assertThat(video.size()).isEqualTo(file.size());
        });
        List<JsonNode> sessions = sessionsOf(member);
        assertThat(sessions).as("the old session and a new one").hasSize(2);
        assertThat(sessions).filteredOn(s -> !s.path("complete").asBoolean()).singleElement()
                .as("the abandoned session never finalized")
                .satisfies(old -> assertThat(old.path("bytesReceived").asLong()).isBetween(2 * MIB, file.size() - 1));
    }

    @Test
    void aDriveDownloadCutOffMidFileIsReopenedAndTheJobCompletesOnItsFirstAttempt() {
        Member member = Member.connected(stack, "d");
        SeededFile file = seed(member, "cut.mp4", 5 * MIB + 999);
        stack.addWorker();
        stack.emulator().injectConnectionReset("drive-media", 2 * MIB + 17, 2);

        JsonNode job = awaitCompleted(member, createJob(member, file), Duration.ofSeconds(90));

        assertThat(job.path("attempt").asInt()).isEqualTo(1);
        assertThat(videosOf(member)).singleElement()
                .satisfies(video -> assertThat(video.md5()).isEqualTo(file.md5()));
    }

    /**
     * Both links throttled to the same rate: a pipeline that reads and PUTs in turn needs the sum of both transfer
     * times; an overlapped one about the slower link's time plus one chunk. A regression guard and a measurement, not
     * the proof of the overlap: on Linux loopback the kernel's socket buffers (tcp_rmem up to 32 MiB here) let even
     * the earlier one-buffer pipeline overlap, so both pass; {@code SessionStreamerTest} proves the explicit overlap.
     */
    @Test
    void aThrottledTransferRunsAtTheSlowerLinksSpeedNotTheSumOfBoth() {
        Member member = Member.connected(stack, "t");
        long size = 40 * MIB;
        long rate = 8 * MIB;
        SeededFile file = seed(member, "throttled.mp4", size);
        // 8 MiB chunks (the default): more than the kernel's socket buffers hold, so only an explicit overlap helps
        stack.addWorker(Map.of("vidferry.worker.chunk-size", "8M"));
        stack.emulator().throttle(rate, rate);
        try {
            JsonNode job = awaitCompleted(member, createJob(member, file), Duration.ofSeconds(120));
            Duration took = Duration.between(Instant.parse(job.path("startedAt").asText()),
                    Instant.parse(job.path("completedAt").asText()));
            double slower = (double) size / rate;
            System.out.printf("overlap: %d MiB at %d MiB/s both ways took %.2f s; slower link %.1f s, sum %.1f s "
                    + "(%.2fx the slower link)%n", size / MIB, rate / MIB, took.toMillis() / 1000.0, slower, 2 * slower,
                    took.toMillis() / 1000.0 / slower);
            assertThat(took).as("well under the sum of both links (%.0f s)", 2 * slower)
                    .isLessThan(Duration.ofMillis((long) (0.8 * 2 * slower * 1000)));
            assertThat(videosOf(member)).singleElement()
                    .satisfies(video -> assertThat(video.md5()).isEqualTo(file.md5()));
        } finally {
            stack.emulator().throttle(0, 0);
        }
    }

    /** Resident memory of a process in bytes (Linux {@code /proc/<pid>/status}). */
    private static long rss(ServiceProcess process) {
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/" + process.pid()
                    + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        throw new IllegalStateException("no VmRSS for " + process.pid());
    }

    @Test
    void fourSlotsStreamingEightMiBChunksKeepTheWorkerResidentMemoryFlat() {
        Member member = Member.connected(stack, "m");
        long size = 40 * MIB;
        ServiceProcess worker = stack.addWorker(Map.of("vidferry.worker.chunk-size", "8M",
                "vidferry.worker.concurrency", "4"));
        long idle = rss(worker);
        stack.emulator().throttle(8 * MIB, 8 * MIB);
        try {
            List<String> jobs = new ArrayList<>();
            List<SeededFile> files = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                SeededFile file = seed(member, "memory-" + i + ".mp4", size);
                files.add(file);
                jobs.add(createJob(member, file));
            }
            long peak = 0;
            Instant deadline = Instant.now().plusSeconds(180);
            while (Instant.now().isBefore(deadline) && jobs.stream().anyMatch(id -> !member.api().get("/jobs/" + id)
                    .body().path("status").asText().matches("completed|failed|cancelled"))) {
                peak = Math.max(peak, rss(worker));
                ServiceProcess.sleep(200);
            }
            System.out.printf("memory: worker RSS idle %d MiB, peak %d MiB with 4 slots of 8 MiB chunks (4 x %d MiB "
                    + "files)%n", idle / MIB, peak / MIB, size / MIB);
            for (String id : jobs) {
                awaitCompleted(member, id, Duration.ofSeconds(10));
            }
            assertThat(videosOf(member)).hasSize(4);
            // flat, not a timing target: the growth is the 4 x 2 chunk buffers (64 MiB) plus GC slack, never the
            // file size (4 x 40 MiB); the absolute figure (281 MiB measured, target < 300) is in docs/benchmarks.md
            assertThat(peak - idle).as("worker RSS growth with 4 busy slots").isLessThan(4 * 2 * 8 * MIB + 96 * MIB);
        } finally {
            stack.emulator().throttle(0, 0);
        }
    }
}
