package dev.vidferry.platform.job;

import java.time.Instant;
import java.time.OffsetDateTime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

import dev.vidferry.model.event.JobProgress;
import dev.vidferry.model.event.JobRequested;
import dev.vidferry.model.job.ErrorCode;
import dev.vidferry.model.job.JobStatus;
import dev.vidferry.model.metadata.VideoMetadata;

/**
 * The {@code upload_job} table as the SQL of this package sees it: the fence every write of a running job is
 * conditioned on, the column lists the statements return and the mapping of those rows to records. Only this package
 * writes SQL on the table (the api's read-only entity maps the same columns).
 */
final class JobTable {

    /** Statuses a running job is in. */
    static final String RUNNING = "status IN ('downloading', 'uploading')";
    /** Where clause of a fenced write: {@code $1} job id, {@code $2} lease owner, {@code $3} attempt; then a guard. */
    static final String FENCE = " WHERE id = $1 AND lease_owner = $2 AND attempt = $3 AND ";
    /** Columns a claim returns, read by {@link #claimed}. */
    static final String CLAIM_RETURNING = " RETURNING id, owner_id, google_account_id, drive_file_id, "
            + "drive_file_name, drive_mime_type, drive_md5, size_bytes, metadata, attempt, max_attempts, "
            + "upload_session_uri, upload_confirmed_offset, skip_duplicates";
    /** Columns a sweep returns (alias {@code j}, old status from {@code due}), read by {@link #swept}. */
    static final String SWEEP_RETURNING = " RETURNING due.old_status, j.id, j.owner_id, j.drive_file_id,"
            + " j.drive_file_name, j.drive_mime_type, j.size_bytes, j.drive_md5, j.metadata::text AS metadata,"
            + " j.attempt, j.status, j.progress, j.bytes_transferred, j.message, j.video_id, j.error_code,"
            + " j.next_attempt_at, j.updated_at";

    private JobTable() {
    }

    /** The parameters of a fenced write: the fence's {@code $1..$3}, then {@code params} from {@code $4}. */
    static Tuple fenced(Fence fence, Object... params) {
        Tuple tuple = Tuple.of(fence.jobId(), fence.leaseOwner(), fence.attempt());
        for (Object param : params) {
            tuple.addValue(param);
        }
        return tuple;
    }

    static ClaimedJob claimed(Row row, String leaseOwner, ObjectMapper mapper) {
        return new ClaimedJob(new Fence(row.getUUID("id"), leaseOwner, row.getInteger("attempt")),
                row.getString("owner_id"), row.getUUID("google_account_id"), row.getString("drive_file_id"),
                row.getString("drive_file_name"), row.getString("drive_mime_type"), row.getString("drive_md5"),
                row.getLong("size_bytes"), metadata(mapper, row.getJsonObject("metadata").encode(), row),
                row.getInteger("max_attempts"), row.getString("upload_session_uri"),
                row.getLong("upload_confirmed_offset"), row.getBoolean("skip_duplicates"));
    }

    static DriveRevision revision(Row row) {
        return new DriveRevision(row.getLong("total_bytes"), row.getString("drive_md5"),
                row.getString("drive_revision_id"), instant(row.getOffsetDateTime("drive_modified_time")));
    }

    static SweptJob swept(Row row, ObjectMapper mapper) {
        String errorCode = row.getString("error_code");
        return new SweptJob(
                new JobProgress.JobRef(row.getUUID("id"), row.getString("owner_id"), row.getInteger("attempt")),
                JobStatus.fromWire(row.getString("old_status")), JobStatus.fromWire(row.getString("status")),
                row.getString("message"), instant(row.getOffsetDateTime("updated_at")),
                new JobRequested.DriveFile(row.getString("drive_file_id"), row.getString("drive_file_name"),
                        row.getString("drive_mime_type"), row.getLong("size_bytes"), row.getString("drive_md5")),
                metadata(mapper, row.getString("metadata"), row),
                new JobProgress.Bytes(row.getShort("progress"), row.getLong("bytes_transferred"),
                        row.getLong("size_bytes")),
                new JobProgress.Outcome(row.getString("video_id"),
                        errorCode == null ? null : ErrorCode.valueOf(errorCode),
                        instant(row.getOffsetDateTime("next_attempt_at"))));
    }

    private static VideoMetadata metadata(ObjectMapper mapper, String json, Row row) {
        try {
            return mapper.readValue(json, VideoMetadata.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("job " + row.getUUID("id") + " has unreadable metadata", e);
        }
    }

    private static Instant instant(OffsetDateTime at) {
        return at == null ? null : at.toInstant();
    }
}
