package dev.vidferry.platform.job;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The {@code upload_job} SQL of batch enqueues (folder uploads, syncs): what is already live or uploaded for a set of
 * files, and one multi-row insert (arrays through {@code unnest}) that skips the files the partial unique index
 * {@code upload_job_one_live_per_file} (V12) says are already live. One round trip per statement, whatever the size.
 * Run on the reactive pg client: a {@code Pool}, or the {@link SqlClient} of a transaction.
 */
public final class JobBatches {

    /** The statuses of a live job (any status {@code JobStateMachine} can still leave); V12's index uses the same. */
    public static final String LIVE = "status IN ('pending', 'downloading', 'uploading', 'deferred')";

    /** The same account or channel: the history row {@code h} was uploaded by account {@code $2} or its channel. */
    private static final String SAME_CHANNEL = "(h.google_account_id = $2 OR (h.channel_id IS NOT NULL AND "
            + "h.channel_id = (SELECT a.channel_id FROM google_account a WHERE a.id = $2)))";

    private static final String INSERT = "INSERT INTO upload_job (id, owner_id, google_account_id, drive_file_id, "
            + "drive_file_name, drive_mime_type, drive_md5, size_bytes, total_bytes, folder_path, batch_id, "
            + "folder_sync_id, metadata, status, message, warning, max_attempts, skip_duplicates, created_at, "
            + "updated_at) SELECT u.id, $1, $2, u.file_id, u.file_name, u.mime_type, u.md5, u.size, u.size, "
            + "u.folder_path, $3, $4, CAST(u.metadata AS jsonb), 'pending', 'Queued', u.warning, $5, $6, "
            + "clock_timestamp(), clock_timestamp() FROM unnest($7::uuid[], $8::text[], $9::text[], $10::text[], "
            + "$11::text[], $12::bigint[], $13::text[], $14::text[], $15::text[]) "
            + "AS u(id, file_id, file_name, mime_type, md5, size, folder_path, metadata, warning) ON CONFLICT DO NOTHING RETURNING id, created_at";

    private JobBatches() {
    }

    /**
     * A live job of the owner and account: its id, Drive file and md5.
     */
    public record LiveJob(UUID id, String driveFileId, String md5) {
    }

    /**
     * What the batch shares: the owner, the Google account (required: duplicates are per user and account), the
     * batch id, the saved sync it comes from (or null), attempts allowed and whether the worker checks duplicates.
     */
    public record Batch(String ownerId, UUID googleAccountId, String batchId, UUID folderSyncId, int maxAttempts,
            boolean skipDuplicates) {

        public Batch {
            if (ownerId == null || googleAccountId == null) {
                throw new IllegalArgumentException("a batch needs an owner and a Google account");
            }
        }
    }

    /**
     * One job of a batch.
     *
     * @param metadataJson the job's {@code VideoMetadata} as JSON
     * @param warning shown in the job's view, or null
     */
    public record BatchJob(UUID id, String driveFileId, String fileName, String mimeType, String md5, long sizeBytes,
            String folderPath, String metadataJson, String warning) {
    }

    /**
     * The owner's live jobs on account {@code accountId} for any of {@code fileIds} or {@code md5s} (one query).
     */
    public static Uni<List<LiveJob>> live(SqlClient client, String ownerId, UUID accountId,
            Collection<String> fileIds, Collection<String> md5s) {
        return client.preparedQuery("SELECT id, drive_file_id, drive_md5 FROM upload_job WHERE owner_id = $1 "
                + "AND coalesce(google_account_id, '00000000-0000-0000-0000-000000000000'::uuid) = $2 AND " + LIVE
                + " AND (drive_file_id = ANY($3::text[]) "
                + "OR drive_md5 = ANY($4::text[]))")
                .execute(Tuple.of(ownerId, accountId, fileIds.toArray(String[]::new), md5s.toArray(String[]::new)))
                .map(rows -> {
                    List<LiveJob> out = new ArrayList<>();
                    rows.forEach(r -> out.add(new LiveJob(r.getUUID("id"), r.getString("drive_file_id"),
                            r.getString("drive_md5"))));
                    return out;
                });
    }

    /**
     * The newest video per md5 among {@code md5s} in the owner's upload history for account {@code accountId} or its
     * channel, skipping videos known to be gone from YouTube: md5 to video id.
     */
    public static Uni<Map<String, String>> uploaded(SqlClient client, String ownerId, UUID accountId,
            Collection<String> md5s) {
        if (md5s.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return client.preparedQuery("SELECT DISTINCT ON (h.drive_md5) h.drive_md5, h.video_id FROM upload_history h "
                + "WHERE h.owner_id = $1 AND " + SAME_CHANNEL + " AND h.drive_md5 = ANY($3::text[]) "
                + "AND h.video_gone_at IS NULL ORDER BY h.drive_md5, h.uploaded_at DESC")
                .execute(Tuple.of(ownerId, accountId, md5s.toArray(String[]::new)))
                .map(rows -> {
                    Map<String, String> out = new HashMap<>();
                    rows.forEach(r -> out.put(r.getString("drive_md5"), r.getString("video_id")));
                    return out;
                });
    }

    /**
     * Inserts {@code jobs} pending ("Queued") in one statement, in list order (created_at increases along the list, so
     * workers take them in that order); a job whose file is already live for the owner and account is not inserted.
     * Returns the inserted job ids with their creation time (call it in the transaction that writes their outbox
     * rows).
     */
    public static Uni<Map<UUID, Instant>> insert(SqlClient tx, Batch batch, List<BatchJob> jobs) {
        if (jobs.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        int n = jobs.size();
        UUID[] ids = new UUID[n];
        String[] fileIds = new String[n];
        String[] names = new String[n];
        String[] mimes = new String[n];
        String[] md5s = new String[n];
        Long[] sizes = new Long[n];
        String[] paths = new String[n];
        String[] metadata = new String[n];
        String[] warnings = new String[n];
        for (int i = 0; i < n; i++) {
            BatchJob job = jobs.get(i);
            ids[i] = job.id();
            fileIds[i] = job.driveFileId();
            names[i] = job.fileName();
            mimes[i] = job.mimeType();
            md5s[i] = job.md5();
            sizes[i] = job.sizeBytes();
            paths[i] = job.folderPath();
            metadata[i] = job.metadataJson();
            warnings[i] = job.warning();
        }
        Tuple params = Tuple.tuple().addValue(batch.ownerId()).addValue(batch.googleAccountId())
                .addValue(batch.batchId()).addValue(batch.folderSyncId()).addValue(batch.maxAttempts())
                .addValue(batch.skipDuplicates()).addValue(ids).addValue(fileIds).addValue(names).addValue(mimes)
                .addValue(md5s).addValue(sizes).addValue(paths).addValue(metadata).addValue(warnings);
        return tx.preparedQuery(INSERT).execute(params).map(rows -> {
            Map<UUID, Instant> out = new HashMap<>();
            for (Row row : rows) {
                out.put(row.getUUID("id"), row.getOffsetDateTime("created_at").toInstant());
            }
            return out;
        });
    }
}
