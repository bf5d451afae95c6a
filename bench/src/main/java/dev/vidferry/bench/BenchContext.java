package dev.vidferry.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.vidferry.testsupport.emulator.EmulatorClient;
import dev.vidferry.testsupport.emulator.EmulatorClient.EmulatorUser;

/**
 * The stack {@code bin/vidferry bench} started, as the benchmarks see it: the API, the emulator, the database, Kafka,
 * the worker processes (scaled and killed through their PID files) and a few helpers they share.
 */
final class BenchContext {

    static final long MIB = 1024 * 1024;
    static final ObjectMapper JSON = new ObjectMapper();
    /** Transfer slots per worker process ({@code vidferry.worker.concurrency}, default 2). */
    static final int SLOTS_PER_WORKER = 2;

    final boolean quick;
    final String api;
    final EmulatorClient emulator;
    final String kafka;
    final Path root;
    private final String jdbcUrl;
    private final Path pids;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private int workers;

    BenchContext(boolean quick) {
        this.quick = quick;
        this.api = required("bench.api");
        this.emulator = new EmulatorClient(required("bench.emulator"));
        this.kafka = required("bench.kafka");
        this.jdbcUrl = required("bench.jdbc");
        this.pids = Path.of(required("bench.pids"));
        this.root = Path.of(required("bench.root"));
        this.workers = Integer.parseInt(System.getProperty("bench.workers", "2"));
    }

    private static String required(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("-D" + name + " is missing (run through bin/vidferry bench)");
        }
        return value;
    }

    /** A person with a fresh emulator account connected to vidferry, and their API bearer token. */
    record User(EmulatorUser google, String token) {
    }

    User newUser(String prefix) throws IOException {
        String username = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        EmulatorUser google = emulator.createUser(username, "pw");
        String token = emulator.oidcAccessToken(username, "pw");
        Answer connected = call("PUT", "/api/v1/google/account", token, Map.of("refreshToken", google.refreshToken()));
        connected.expect(200);
        return new User(google, token);
    }

    /** An HTTP answer of the API. */
    record Answer(int status, JsonNode body, String raw) {

        Answer expect(int... statuses) {
            for (int s : statuses) {
                if (s == status) {
                    return this;
                }
            }
            throw new IllegalStateException("API answered " + status + ": " + raw);
        }
    }

    Answer call(String method, String path, String token, Object body) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api + path)).timeout(Duration.ofSeconds(300))
                .header("Authorization", "Bearer " + token);
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String raw = response.body();
            JsonNode json = raw == null || raw.isBlank() ? JSON.nullNode() : JSON.readTree(raw);
            return new Answer(response.statusCode(), json, raw);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    static Map<String, Object> jobRequest(String fileId, String title, String batchId) {
        Map<String, Object> metadata = Map.of("title", title, "privacyStatus", "private", "madeForKids", false);
        return batchId == null
                ? Map.of("driveFileId", fileId, "metadata", metadata)
                : Map.of("driveFileId", fileId, "metadata", metadata, "batchId", batchId);
    }

    /** A created job and when its 201 reached us. */
    record Created(UUID id, Instant answered) {
    }

    Created createJob(User user, String fileId, String batchId) throws IOException {
        Answer answer = call("POST", "/api/v1/jobs", user.token(), jobRequest(fileId, "bench " + fileId, batchId));
        Instant answered = Instant.now();
        answer.expect(201);
        return new Created(UUID.fromString(answer.body().path("id").asText()), answered);
    }

    /** Queues every file in one bulk request; returns the created ids in order and when the answer came. */
    List<Created> createBulk(User user, List<String> fileIds, String batchId) throws IOException {
        List<Map<String, Object>> items = fileIds.stream().map(id -> jobRequest(id, "bench " + id, batchId)).toList();
        Answer answer = call("POST", "/api/v1/jobs/bulk", user.token(), Map.of("jobs", items)).expect(200);
        Instant answered = Instant.now();
        List<Created> created = new ArrayList<>();
        for (JsonNode result : answer.body().path("results")) {
            if (result.path("status").asInt() != 201) {
                throw new IllegalStateException("bulk item refused: " + result);
            }
            created.add(new Created(UUID.fromString(result.path("job").path("id").asText()), answered));
        }
        return created;
    }

    /** What the database says about a job. */
    record JobRow(UUID id, String status, String leaseOwner, int attempt, long bytes, Instant createdAt,
            Instant startedAt, Instant completedAt) {

        boolean finished() {
            return status.equals("completed") || status.equals("failed") || status.equals("cancelled");
        }

        boolean running() {
            return status.equals("downloading") || status.equals("uploading");
        }
    }

    Connection db() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, System.getenv().getOrDefault("PGUSER", "postgres"),
                System.getenv().getOrDefault("PGPASSWORD", "postgres"));
    }

    private static final String JOB_COLUMNS = "id, status, lease_owner, attempt, bytes_transferred, created_at, "
            + "started_at, completed_at";

    static JobRow row(ResultSet rs) throws SQLException {
        return new JobRow((UUID) rs.getObject(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getLong(5),
                instant(rs, 6), instant(rs, 7), instant(rs, 8));
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        java.sql.Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    JobRow job(Connection db, UUID id) throws SQLException {
        try (PreparedStatement select = db.prepareStatement("SELECT " + JOB_COLUMNS + " FROM upload_job WHERE id = ?")) {
            select.setObject(1, id);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("no job " + id);
                }
                return row(rs);
            }
        }
    }

    List<JobRow> batch(Connection db, String batchId) throws SQLException {
        try (PreparedStatement select = db.prepareStatement("SELECT " + JOB_COLUMNS
                + " FROM upload_job WHERE batch_id = ? ORDER BY created_at")) {
            select.setString(1, batchId);
            List<JobRow> rows = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    rows.add(row(rs));
                }
            }
            return rows;
        }
    }

    /** Polls the job's row every {@code pollMillis} until {@code condition} holds; fails after {@code timeout}. */
    JobRow awaitJob(Connection db, UUID id, Predicate<JobRow> condition, Duration timeout, long pollMillis)
            throws SQLException {
        long deadline = System.nanoTime() + timeout.toNanos();
        JobRow last = null;
        while (System.nanoTime() < deadline) {
            last = job(db, id);
            if (condition.test(last)) {
                return last;
            }
            sleep(pollMillis);
        }
        throw new IllegalStateException("job " + id + " did not get there within " + timeout + "; last: " + last);
    }

    /** Waits until every job of the batch is finished; fails on a failed job. */
    List<JobRow> awaitBatch(Connection db, String batchId, int count, Duration timeout) throws SQLException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            List<JobRow> rows = batch(db, batchId);
            if (rows.size() == count && rows.stream().allMatch(JobRow::finished)) {
                rows.stream().filter(r -> !r.status().equals("completed")).findFirst().ifPresent(r -> {
                    throw new IllegalStateException("job " + r.id() + " ended " + r.status());
                });
                return rows;
            }
            sleep(50);
        }
        throw new IllegalStateException("batch " + batchId + " not finished within " + timeout);
    }

    /** Exactly {@code count} workers ({@code bin/vidferry up --workers N --no-build} with the bench's settings). */
    void workers(int count) throws IOException, InterruptedException {
        if (count == workers && allWorkersAlive()) {
            return;
        }
        Process scale = new ProcessBuilder(root.resolve("bin/vidferry").toString(), "up", "--no-build", "--workers",
                String.valueOf(count)).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(pids.resolveSibling("bench-scale.log").toFile()))
                .start();
        if (!scale.waitFor(10, TimeUnit.MINUTES) || scale.exitValue() != 0) {
            throw new IllegalStateException("bin/vidferry up --workers " + count + " failed (see "
                    + pids.resolveSibling("bench-scale.log") + ")");
        }
        workers = count;
    }

    int workerCount() {
        return workers;
    }

    private boolean allWorkersAlive() {
        for (int i = 1; i <= workers; i++) {
            long pid = pidOrZero("worker-" + i);
            if (pid == 0 || ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true)) {
                return false;
            }
        }
        return true;
    }

    /** PID of our running process {@code name} (worker-1, api, ...). */
    long pid(String name) throws IOException {
        long pid = pidOrZero(name);
        if (pid == 0) {
            throw new IllegalStateException("no PID file for " + name + " in " + pids);
        }
        return pid;
    }

    private long pidOrZero(String name) {
        try {
            return Long.parseLong(Files.readString(pids.resolve(name + ".pid")).trim());
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }

    /** The kernel's peak resident set of a process (VmHWM), in KiB. */
    static long peakRssKib(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        throw new IllegalStateException("no VmHWM for " + pid);
    }

    /** Emulator bandwidth per request, each way; 0 = unthrottled. */
    void throttle(long bytesPerSecond) {
        emulator.throttle(bytesPerSecond, bytesPerSecond);
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
