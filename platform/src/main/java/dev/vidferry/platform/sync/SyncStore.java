package dev.vidferry.platform.sync;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

import dev.vidferry.model.folder.FolderSettings;
import dev.vidferry.platform.drive.FolderIndex;

/**
 * Every statement on {@code folder_sync} and {@code folder_sync_run} (migration V13), for the api (CRUD, runs asked
 * for) and the scheduler (due syncs, runs). {@code ownerScope} null means every owner (an admin).
 */
@ApplicationScoped
public class SyncStore {

    static final String SYNC_COLUMNS = "id, owner_id, google_account_id, name, folder_id, recursive, cron, timezone, "
            + "max_files_per_run, settings, enabled, changes_page_token, folder_index, next_run_at, last_run_at, "
            + "created_at, updated_at";
    static final String RUN_COLUMNS = "id, sync_id, trigger, status, mode, full_requested, requested_at, started_at, "
            + "finished_at, added_count, skipped_count, drive_calls, batch_id, error, warnings";

    private final Pool pool;
    private final ObjectMapper mapper;

    public SyncStore(Pool pool, ObjectMapper mapper) {
        this.pool = pool;
        this.mapper = mapper;
    }

    public Uni<FolderSync> insert(FolderSync s) {
        return pool.preparedQuery("INSERT INTO folder_sync (" + SYNC_COLUMNS + ") VALUES ($1, $2, $3, $4, $5, $6, $7, "
                + "$8, $9, $10, $11, $12, $13, $14, $15, $16, $17)").execute(Tuple.from(values(s))).replaceWith(s);
    }

    /** The sync, if {@code ownerScope} may see it (null: any owner). */
    public Uni<FolderSync> find(String ownerScope, UUID id) {
        return find(pool, ownerScope, id);
    }

    public Uni<FolderSync> find(SqlClient client, String ownerScope, UUID id) {
        return client.preparedQuery("SELECT " + SYNC_COLUMNS + " FROM folder_sync WHERE id = $1 "
                + "AND ($2::text IS NULL OR owner_id = $2)").execute(Tuple.of(id, ownerScope))
                .map(rows -> syncs(rows).stream().findFirst().orElse(null));
    }

    public Uni<List<FolderSync>> list(String ownerScope) {
        return pool.preparedQuery("SELECT " + SYNC_COLUMNS + " FROM folder_sync WHERE ($1::text IS NULL OR "
                + "owner_id = $1) ORDER BY created_at, id").execute(Tuple.of(ownerScope)).map(this::syncs);
    }

    /** Writes the editable columns and the token (a changed folder forgets it: {@link FolderSync#edited}). */
    public Uni<FolderSync> update(FolderSync s) {
        return pool.preparedQuery("UPDATE folder_sync SET google_account_id = $2, name = $3, folder_id = $4, "
                + "recursive = $5, cron = $6, timezone = $7, max_files_per_run = $8, settings = $9, enabled = $10, "
                + "changes_page_token = $11, folder_index = $12, next_run_at = $13, updated_at = $14 WHERE id = $1")
                .execute(Tuple.from(Arrays.asList(s.id(), s.googleAccountId(), s.name(), s.folderId(), s.recursive(),
                        s.cron(), s.timezone(), s.maxFilesPerRun(), json(s.settings()), s.enabled(),
                        s.changesPageToken(), s.folderIndex() == null ? null : json(s.folderIndex()),
                        ts(s.nextRunAt()), ts(s.updatedAt()))))
                .replaceWith(s);
    }

    public Uni<Boolean> delete(String ownerScope, UUID id) {
        return pool.preparedQuery("DELETE FROM folder_sync WHERE id = $1 AND ($2::text IS NULL OR owner_id = $2)")
                .execute(Tuple.of(id, ownerScope)).map(rows -> rows.rowCount() > 0);
    }

    /**
     * Asks for a run now: one queued run per sync (a second request while one waits returns it, a full rescan asked
     * for by either wins). The scheduler starts it at its next tick.
     */
    public Uni<SyncRun> requestRun(UUID syncId, boolean full, Instant now) {
        return pool.preparedQuery("INSERT INTO folder_sync_run (id, sync_id, trigger, status, full_requested, "
                + "requested_at) VALUES ($1, $2, 'manual', 'queued', $3, $4) ON CONFLICT (sync_id) WHERE status = "
                + "'queued' DO UPDATE SET full_requested = folder_sync_run.full_requested OR EXCLUDED.full_requested "
                + "RETURNING " + RUN_COLUMNS).execute(Tuple.of(UUID.randomUUID(), syncId, full, ts(now)))
                .map(rows -> runs(rows).get(0));
    }

    /** The sync's runs, newest first. */
    public Uni<List<SyncRun>> runs(UUID syncId, int limit) {
        return pool.preparedQuery("SELECT " + RUN_COLUMNS + " FROM folder_sync_run WHERE sync_id = $1 "
                + "ORDER BY requested_at DESC, id DESC LIMIT $2").execute(Tuple.of(syncId, limit)).map(this::runs);
    }

    /** Syncs to run now: enabled and due, or with a run asked for (a manual run works on a disabled sync too). */
    public Uni<List<UUID>> due(Instant now, int limit) {
        return pool.preparedQuery("SELECT s.id FROM folder_sync s WHERE (s.enabled AND s.next_run_at <= $1) "
                + "OR EXISTS (SELECT 1 FROM folder_sync_run r WHERE r.sync_id = s.id AND r.status = 'queued') "
                + "ORDER BY s.next_run_at NULLS FIRST, s.id LIMIT $2").execute(Tuple.of(ts(now), limit))
                .map(rows -> {
                    List<UUID> out = new ArrayList<>();
                    rows.forEach(r -> out.add(r.getUUID("id")));
                    return out;
                });
    }

    /** The run asked for and not started yet, or null. */
    public Uni<SyncRun> queued(SqlClient client, UUID syncId) {
        return client.preparedQuery("SELECT " + RUN_COLUMNS + " FROM folder_sync_run WHERE sync_id = $1 AND "
                + "status = 'queued'").execute(Tuple.of(syncId)).map(rows -> runs(rows).stream().findFirst()
                        .orElse(null));
    }

    /**
     * Starts a run (under the sync's lock): a run still {@code running} was cut off (its scheduler died) and is
     * marked failed; then the queued run starts, or a new scheduled one.
     */
    public Uni<SyncRun> start(SqlClient client, UUID syncId, SyncRun queued, Instant now) {
        Uni<RowSet<Row>> interrupted = client.preparedQuery("UPDATE folder_sync_run SET status = 'failed', "
                + "finished_at = $2, error = 'interrupted: the scheduler stopped during the run' WHERE sync_id = $1 "
                + "AND status = 'running'").execute(Tuple.of(syncId, ts(now)));
        return interrupted.chain(() -> queued != null
                ? client.preparedQuery("UPDATE folder_sync_run SET status = 'running', started_at = $2 WHERE id = $1 "
                        + "RETURNING " + RUN_COLUMNS).execute(Tuple.of(queued.id(), ts(now)))
                : client.preparedQuery("INSERT INTO folder_sync_run (id, sync_id, trigger, status, requested_at, "
                        + "started_at) VALUES ($1, $2, 'schedule', 'running', $3, $3) RETURNING " + RUN_COLUMNS)
                        .execute(Tuple.of(UUID.randomUUID(), syncId, ts(now))))
                .map(rows -> runs(rows).get(0));
    }

    /** Records how a run ended. */
    public Uni<Void> finish(SqlClient client, SyncRun run) {
        return client.preparedQuery("UPDATE folder_sync_run SET status = $2, mode = $3, finished_at = $4, "
                + "added_count = $5, skipped_count = $6, drive_calls = $7, batch_id = $8, error = $9, warnings = $10 "
                + "WHERE id = $1").execute(Tuple.from(
                        Arrays.asList(run.id(), run.status(), run.mode(),
                                ts(run.finishedAt()), run.addedCount(), run.skippedCount(), run.driveCalls(), run.batchId(),
                                run.error(), new JsonArray(run.warnings()))))
                .replaceWithVoid();
    }

    /**
     * After a run that succeeded: the token and folder tree for the next incremental run (a null token: the next run
     * scans fully) and the next time.
     */
    public Uni<Void> afterSuccess(SqlClient client, UUID syncId, String token, FolderIndex index, Instant nextRunAt,
            Instant now) {
        return client.preparedQuery("UPDATE folder_sync SET changes_page_token = $2, folder_index = $3, "
                + "next_run_at = CASE WHEN enabled THEN $4::timestamptz END, last_run_at = $5 WHERE id = $1")
                .execute(Tuple.from(Arrays.asList(syncId, token, index == null ? null : json(index), ts(nextRunAt),
                        ts(now))))
                .replaceWithVoid();
    }

    /**
     * After a run that failed: the token stays (the changes are read again next time) and the sync waits for its next
     * scheduled time instead of retrying in a loop.
     */
    public Uni<Void> afterFailure(SqlClient client, UUID syncId, Instant nextRunAt, Instant now) {
        return client.preparedQuery("UPDATE folder_sync SET next_run_at = CASE WHEN enabled THEN $2::timestamptz END, "
                + "last_run_at = $3 WHERE id = $1").execute(Tuple.of(syncId, ts(nextRunAt), ts(now)))
                .replaceWithVoid();
    }

    private List<Object> values(FolderSync s) {
        return Arrays.asList(s.id(), s.ownerId(), s.googleAccountId(), s.name(), s.folderId(), s.recursive(), s.cron(),
                s.timezone(), s.maxFilesPerRun(), json(s.settings()), s.enabled(), s.changesPageToken(),
                s.folderIndex() == null ? null : json(s.folderIndex()), ts(s.nextRunAt()), ts(s.lastRunAt()),
                ts(s.createdAt()), ts(s.updatedAt()));
    }

    private List<FolderSync> syncs(RowSet<Row> rows) {
        List<FolderSync> out = new ArrayList<>();
        for (Row r : rows) {
            Object index = r.getValue("folder_index");
            out.add(new FolderSync(r.getUUID("id"), r.getString("owner_id"), r.getUUID("google_account_id"),
                    r.getString("name"), r.getString("folder_id"), r.getBoolean("recursive"), r.getString("cron"),
                    r.getString("timezone"), r.getInteger("max_files_per_run"),
                    read(r.getValue("settings"), FolderSettings.class), r.getBoolean("enabled"),
                    r.getString("changes_page_token"), index == null ? null : read(index, FolderIndex.class),
                    instant(r, "next_run_at"), instant(r, "last_run_at"), instant(r, "created_at"),
                    instant(r, "updated_at")));
        }
        return out;
    }

    private List<SyncRun> runs(RowSet<Row> rows) {
        List<SyncRun> out = new ArrayList<>();
        for (Row r : rows) {
            List<String> warnings = read(r.getValue("warnings"), new TypeReference<List<String>>() {
            });
            out.add(new SyncRun(r.getUUID("id"), r.getUUID("sync_id"), r.getString("trigger"), r.getString("status"),
                    r.getString("mode"), r.getBoolean("full_requested"), instant(r, "requested_at"),
                    instant(r, "started_at"), instant(r, "finished_at"), r.getInteger("added_count"),
                    r.getInteger("skipped_count"), r.getInteger("drive_calls"), r.getString("batch_id"),
                    r.getString("error"), warnings));
        }
        return out;
    }

    private JsonObject json(Object value) {
        try {
            return new JsonObject(mapper.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    private <T> T read(Object json, Class<T> type) {
        try {
            return mapper.readValue(json.toString(), type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored " + type.getSimpleName() + " is not readable", e);
        }
    }

    private <T> T read(Object json, TypeReference<T> type) {
        try {
            return mapper.readValue(json.toString(), type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON is not readable", e);
        }
    }

    private static OffsetDateTime ts(Instant at) {
        return at == null ? null : at.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(Row r, String column) {
        OffsetDateTime t = r.getOffsetDateTime(column);
        return t == null ? null : t.toInstant();
    }
}
