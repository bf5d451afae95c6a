package dev.vidferry.scheduler.runonce;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.vidferry.testsupport.postgres.PostgresResource;

/**
 * The packaged scheduler in run-once mode (the CronJob of deploy/kubernetes): a real process that runs one
 * housekeeping pass and exits 0, or exits non-zero when the pass cannot run.
 */
class RunOnceIT {

    private static final String DATABASE = "vidferry_test_scheduler_runonce";
    private static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");
    private static Map<String, String> database;

    @BeforeAll
    static void freshDatabase() {
        assertThat(JAR).as("the packaged scheduler (failsafe runs after package)").exists();
        PostgresResource resource = new PostgresResource();
        resource.init(Map.of("database", "scheduler_runonce", "fresh", "true"));
        database = resource.start();
        Flyway.configure().dataSource(database.get("quarkus.datasource.jdbc.url"),
                database.get("quarkus.datasource.username"), database.get("quarkus.datasource.password"))
                .locations("classpath:db/migration").load().migrate();
    }

    @Test
    void runOnceFromTheEnvironmentRunsOnePassAndExitsZero() throws Exception {
        UUID due = insertDeferredJob(-60);
        UUID notYet = insertDeferredJob(3600);

        Run run = run(database, Map.of("VIDFERRY_SCHEDULER_RUN_ONCE", "true"), List.of());

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(status(due)).as("a due deferred job is resumed by the pass").isEqualTo("pending");
        assertThat(status(notYet)).isEqualTo("deferred");
        assertThat(outboxTopics(due)).contains("upload-job.requested");
        assertThat(run.output()).contains("run-once: housekeeping moved 1 jobs");
    }

    @Test
    void runOnceArgumentAgainstAnUnreachableDatabaseExitsNonZero() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort(); // free once closed: nothing listens there
        }
        Map<String, String> unreachable = new HashMap<>(database);
        unreachable.put("quarkus.datasource.reactive.url", "postgresql://127.0.0.1:" + closed + "/vidferry");
        unreachable.put("quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:" + closed + "/vidferry");
        unreachable.put("quarkus.flyway.validate-at-start", "false"); // so the pass itself meets the dead database

        Run run = run(unreachable, Map.of(), List.of("--run-once"));

        assertThat(run.exitCode()).as(run.output()).isNotZero();
        assertThat(run.output()).contains("run-once: housekeeping pass failed");
    }

    private record Run(int exitCode, String output) {
    }

    /** Runs the packaged jar to its end (at most a minute) with {@code config} as system properties. */
    private static Run run(Map<String, String> config, Map<String, String> env, List<String> args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx192m");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-Dquarkus.http.port=0");
        command.add("-Dquarkus.flyway.migrate-at-start=false");
        // nothing here needs Kafka: no topic creation, and the api's relay publishes the outbox rows in a cluster
        command.add("-Dvidferry.kafka.create-topics=false");
        command.add("-Dvidferry.outbox.relay.enabled=false");
        command.add("-Dkafka.bootstrap.servers=127.0.0.1:1");
        command.add("-Dquarkus.kafka.health.enabled=false");
        // sync runs open stored Google tokens, so the scheduler needs the token key like the api and workers
        command.add("-Dvidferry.crypto.active-key-id=runonce");
        command.add("-Dvidferry.crypto.keys.runonce=x0F6n3YDxwbD3nq3m3bgqVv2qv+J3pQpD3l3P4b0S1k=");
        config.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-jar");
        command.add(JAR.toString());
        command.addAll(args);
        Path log = Files.createTempFile("run-once", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().remove("VIDFERRY_SCHEDULER_RUN_ONCE");
        builder.environment().putAll(env);
        Process process = builder.start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("run-once did not exit within 60 s:\n" + Files.readString(log));
        }
        return new Run(process.exitValue(), Files.readString(log));
    }

    private static UUID insertDeferredJob(int nextAttemptInSeconds) throws SQLException {
        UUID id = UUID.randomUUID();
        try (Connection c = PostgresResource.connect(DATABASE);
                PreparedStatement insert = c.prepareStatement(
                        "INSERT INTO upload_job (id, owner_id, drive_file_id, drive_file_name, drive_mime_type, size_bytes,"
                                + " metadata, status, stage, attempt, max_attempts, next_attempt_at, error_code, updated_at)"
                                + " VALUES (?, 'owner-1', ?, 'clip.mp4', 'video/mp4', 1048576,"
                                + " '{\"title\":\"Clip\",\"privacyStatus\":\"private\"}'::jsonb, 'deferred', 'queued', 0, 5,"
                                + " now() + make_interval(secs => ?), 'QUOTA_EXCEEDED', now())")) {
            insert.setObject(1, id);
            insert.setString(2, "drive-" + id);
            insert.setInt(3, nextAttemptInSeconds);
            insert.execute();
        }
        return id;
    }

    private static String status(UUID id) throws SQLException {
        return query("SELECT status FROM upload_job WHERE id = ?", id).get(0);
    }

    private static List<String> outboxTopics(UUID id) throws SQLException {
        return query("SELECT topic FROM job_outbox WHERE aggregate_id = ? ORDER BY id", id);
    }

    private static List<String> query(String sql, UUID id) throws SQLException {
        try (Connection c = PostgresResource.connect(DATABASE); PreparedStatement query = c.prepareStatement(sql)) {
            query.setObject(1, id);
            List<String> values = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    values.add(rows.getString(1));
                }
            }
            return values;
        }
    }
}
