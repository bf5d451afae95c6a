package dev.vidferry.emulator.youtube;

import java.time.Instant;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** An uploaded video: its metadata as stored and what the emulator received. */
public final class Video {

    public final String id;
    public final String channelId;
    public final String owner;
    public final String project;
    public final ObjectNode snippet;
    public final ObjectNode status;
    public final String md5;
    public final long size;
    public final String mimeType;
    public final Instant publishedAt;
    public final String uploadId;
    public final String uploadType;
    public volatile boolean thumbnailSet;
    /** Part {@code localizations} as sent (language -> title, description), or null. */
    public volatile ObjectNode localizations;
    /** Part {@code recordingDetails} as sent, or null. */
    public volatile ObjectNode recordingDetails;

    public Video(String id, String channelId, String owner, String project, ObjectNode snippet, ObjectNode status,
            String md5, long size, String mimeType, Instant publishedAt, String uploadId, String uploadType) {
        this.id = id;
        this.channelId = channelId;
        this.owner = owner;
        this.project = project;
        this.snippet = snippet;
        this.status = status;
        this.md5 = md5;
        this.size = size;
        this.mimeType = mimeType;
        this.publishedAt = publishedAt;
        this.uploadId = uploadId;
        this.uploadType = uploadType;
    }
}
