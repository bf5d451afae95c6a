package dev.vidferry.scheduler.sync;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.vidferry.model.folder.FolderSettings;
import dev.vidferry.platform.crypto.TokenCipher;
import dev.vidferry.platform.crypto.TokenColumns;
import dev.vidferry.platform.sync.CronSchedule;
import dev.vidferry.platform.sync.FolderSync;
import dev.vidferry.platform.sync.SyncStore;
import dev.vidferry.testsupport.emulator.EmulatorClient.EmulatorUser;
import dev.vidferry.testsupport.postgres.PostgresResource;

/** Google accounts, syncs and their jobs in the scheduler's test database (JDBC, and the platform's own store). */
final class SyncFixtures {

    static final String DATABASE = "vidferry_test_scheduler";
    /** Never due by itself: the tests make a sync due (or run it) themselves. */
    static final String YEARLY = "0 0 0 1 1 ?";

    private SyncFixtures() {
    }

    /** Connects {@code user}'s emulated Google account for the owner {@code user.username()}; returns its id. */
    static UUID connect(TokenCipher cipher, EmulatorUser user) {
        UUID id = UUID.randomUUID();
        TokenCipher.Sealed refresh = cipher.seal(user.refreshToken(), TokenColumns.refresh(user.username(), id));
        execute("INSERT INTO google_account (id, owner_id, channel_id, project_id, key_id, refresh_token_ciphertext,"
                + " is_default) VALUES (?, ?, ?, 'vidferry', ?, ?, true)", id, user.username(), user.channelId(),
                refresh.keyId(), refresh.ciphertext());
        return id;
    }

    /** A saved sync of {@code owner} on {@code folderId} (recursive, at most {@code maxFiles} new jobs a run). */
    static FolderSync create(SyncStore store, String owner, String folderId, int maxFiles) {
        FolderSync sync = FolderSync.create(UUID.randomUUID(), owner, null, "test sync", folderId, true,
                CronSchedule.of(YEARLY, "UTC"), maxFiles, FolderSettings.templates("{folder_path} {filename}", null,
                        false),
                true, Instant.now());
        return store.insert(sync).await().indefinitely();
    }

    /** Makes the sync due now, as its cron would. */
    static void due(UUID syncId) {
        execute("UPDATE folder_sync SET next_run_at = now() - interval '1 second' WHERE id = ?", syncId);
    }

    static void token(UUID syncId, String token) {
        execute("UPDATE folder_sync SET changes_page_token = ? WHERE id = ?", token, syncId);
    }

    /** The Drive file ids of the sync's jobs, one entry per job. */
    static List<String> jobFiles(UUID syncId) {
        List<String> out = new ArrayList<>();
        query("SELECT drive_file_id FROM upload_job WHERE folder_sync_id = ? ORDER BY drive_file_id", syncId)
                .forEach(r -> out.add((String) r.get("drive_file_id")));
        return out;
    }

    /** {@code upload-job.requested} outbox rows of the sync's jobs. */
    static long requestedEvents(UUID syncId) {
        return (Long) query("SELECT count(*) AS n FROM job_outbox o JOIN upload_job j ON j.id = o.aggregate_id"
                + " WHERE j.folder_sync_id = ? AND o.topic = 'upload-job.requested'", syncId).get(0).get("n");
    }

    static void clear() {
        execute("DELETE FROM folder_sync");
    }

    static void execute(String sql, Object... args) {
        try (Connection c = PostgresResource.connect(DATABASE); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            s.execute();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<Map<String, Object>> query(String sql, Object... args) {
        try (Connection c = PostgresResource.connect(DATABASE); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            List<Map<String, Object>> rows = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    Map<String, Object> row = new HashMap<>();
                    for (int i = 1; i <= r.getMetaData().getColumnCount(); i++) {
                        row.put(r.getMetaData().getColumnLabel(i), r.getObject(i));
                    }
                    rows.add(row);
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
