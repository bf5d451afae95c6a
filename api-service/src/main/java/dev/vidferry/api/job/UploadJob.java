package dev.vidferry.api.job;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.ColumnTransformer;

import dev.vidferry.model.job.JobStatus;

/**
 * A row of {@code upload_job} as the api reads it (Panache queries, the job's view). Nothing assigns its fields, so
 * Hibernate never writes it (not {@code @Immutable}: that forbids the row lock): the api changes jobs with the
 * platform's SQL ({@code JobCommands}, run by {@link JobRepository}) under {@code SELECT ... FOR UPDATE}.
 */
@Entity
@Table(name = "upload_job")
public class UploadJob {

    @Id
    public UUID id;
    @Column(name = "owner_id", nullable = false)
    public String ownerId;
    @Column(name = "google_account_id")
    public UUID googleAccountId;
    @Column(name = "drive_file_id", nullable = false)
    public String driveFileId;
    @Column(name = "drive_file_name", nullable = false)
    public String driveFileName;
    @Column(name = "drive_mime_type")
    public String driveMimeType;
    @Column(name = "drive_md5")
    public String driveMd5;
    @Column(name = "size_bytes", nullable = false)
    public long sizeBytes;
    @Column(name = "folder_path")
    public String folderPath;
    @Column(name = "batch_id")
    public String batchId;
    /** {@code VideoMetadata} as JSON. */
    @Column(nullable = false, columnDefinition = "jsonb")
    @ColumnTransformer(read = "metadata::text")
    public String metadata;
    @Convert(converter = JobStatusConverter.class)
    @Column(nullable = false)
    public JobStatus status;
    public String stage;
    public int progress;
    @Column(name = "bytes_transferred")
    public long bytesTransferred;
    @Column(name = "total_bytes")
    public long totalBytes;
    public String message;
    public String warning;
    @Column(name = "error_code")
    public String errorCode;
    @Column(name = "error_message")
    public String errorMessage;
    public int attempt;
    @Column(name = "max_attempts")
    public int maxAttempts = 5;
    @Column(name = "next_attempt_at")
    public Instant nextAttemptAt;
    @Column(name = "deferred_reason")
    public String deferredReason;
    @Column(name = "lease_owner")
    public String leaseOwner;
    @Column(name = "lease_expires_at")
    public Instant leaseExpiresAt;
    @Column(name = "upload_session_uri")
    public String uploadSessionUri;
    @Column(name = "upload_confirmed_offset")
    public long uploadConfirmedOffset;
    @Column(name = "upload_session_started_at")
    public Instant uploadSessionStartedAt;
    @Column(name = "video_id")
    public String videoId;
    @Column(name = "video_url")
    public String videoUrl;
    @Column(name = "cancel_requested_at")
    public Instant cancelRequestedAt;
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
    @Column(name = "started_at")
    public Instant startedAt;
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
    @Column(name = "completed_at")
    public Instant completedAt;
}
