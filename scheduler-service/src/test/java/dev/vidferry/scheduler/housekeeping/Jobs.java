package dev.vidferry.scheduler.housekeeping;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.vidferry.testsupport.postgres.PostgresResource;

/** Upload jobs and outbox rows in the scheduler's test database, written and read with plain JDBC. */
final class Jobs {

    static final String DATABASE = "vidferry_test_scheduler";

    private Jobs() {
    }

    /** A job in {@code status}; times are seconds from now (null = NULL). */
    static UUID insert(String status, int attempt, int maxAttempts, Integer leaseExpiresIn, Integer nextAttemptIn,
            int updatedSecondsAgo) {
        UUID id = UUID.randomUUID();
        execute("INSERT INTO upload_job (id, owner_id, drive_file_id, drive_file_name, drive_mime_type, size_bytes,"
                + " metadata, status, stage, attempt, max_attempts, lease_owner, lease_expires_at, next_attempt_at,"
                + " upload_session_uri, upload_confirmed_offset, bytes_transferred, progress, error_code, updated_at)"
                + " VALUES (?, 'owner-1', 'drive-' || ?, 'clip.mp4', 'video/mp4', 1048576,"
                + " '{\"title\":\"Clip\",\"privacyStatus\":\"private\",\"tags\":[\"a\"]}'::jsonb, ?, 'uploading', ?, ?,"
                + " CASE WHEN ?::int IS NULL THEN NULL ELSE 'worker-a' END,"
                + " now() + make_interval(secs => ?::int), now() + make_interval(secs => ?::int),"
                + " CASE WHEN ? IN ('uploading', 'pending') THEN 'https://upload.example/session/1' END, 262144,"
                + " 262144, 25, CASE WHEN ? = 'deferred' THEN 'QUOTA_EXCEEDED' END,"
                + " now() - make_interval(secs => ?::int))",
                id, id.toString(), status, attempt, maxAttempts, leaseExpiresIn, leaseExpiresIn, nextAttemptIn,
                status, status, updatedSecondsAgo);
        return id;
    }

    static Map<String, Object> job(UUID id) {
        return query("SELECT status, attempt, lease_owner, lease_expires_at, next_attempt_at, upload_session_uri,"
                + " upload_confirmed_offset, error_code, message FROM upload_job WHERE id = ?", id).get(0);
    }

    /** Outbox rows of a job: {topic, status or reason}, oldest first. */
    static List<String> outbox(UUID id) {
        List<String> rows = new ArrayList<>();
        for (Map<String, Object> row : query("SELECT topic, coalesce(payload->'data'->>'reason',"
                + " payload->'data'->>'status') AS what FROM job_outbox WHERE aggregate_id = ? ORDER BY id", id)) {
            rows.add(row.get("topic") + ":" + row.get("what"));
        }
        return rows;
    }

    static void clear() {
        execute("DELETE FROM job_outbox");
        execute("DELETE FROM upload_job");
    }

    static void execute(String sql, Object... args) {
        try (Connection c = PostgresResource.connect(DATABASE); PreparedStatement statement = c.prepareStatement(sql)) {
            bind(statement, args);
            statement.execute();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<Map<String, Object>> query(String sql, Object... args) {
        try (Connection c = PostgresResource.connect(DATABASE); PreparedStatement statement = c.prepareStatement(sql)) {
            bind(statement, args);
            List<Map<String, Object>> rows = new ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    Map<String, Object> row = new HashMap<>();
                    for (int i = 1; i <= result.getMetaData().getColumnCount(); i++) {
                        row.put(result.getMetaData().getColumnLabel(i), result.getObject(i));
                    }
                    rows.add(row);
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void bind(PreparedStatement statement, Object[] args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            statement.setObject(i + 1, args[i]);
        }
    }
}
