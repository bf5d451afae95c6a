package dev.vidferry.api.history;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A successful upload (written by workers; read here). */
@Entity
@Table(name = "upload_history")
public class UploadHistory {

    @Id
    public UUID id;
    @Column(name = "owner_id", nullable = false)
    public String ownerId;
    @Column(name = "google_account_id")
    public UUID googleAccountId;
    @Column(name = "channel_id")
    public String channelId;
    @Column(name = "job_id")
    public UUID jobId;
    @Column(name = "drive_file_id", nullable = false)
    public String driveFileId;
    @Column(name = "drive_file_name")
    public String driveFileName;
    @Column(name = "drive_md5")
    public String driveMd5;
    @Column(name = "size_bytes")
    public Long sizeBytes;
    @Column(name = "video_id", nullable = false)
    public String videoId;
    @Column(name = "video_url", nullable = false)
    public String videoUrl;
    public String title;
    @Column(name = "uploaded_at", nullable = false)
    public Instant uploadedAt;
    @Column(name = "verified_at")
    public Instant verifiedAt;
    @Column(name = "video_gone_at")
    public Instant videoGoneAt;
}
