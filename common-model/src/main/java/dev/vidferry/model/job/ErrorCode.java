package dev.vidferry.model.job;

/** Machine-readable reasons a job failed or was deferred. Stable: outside consumers match on them. */
public enum ErrorCode {
    /** The owner's Google refresh token was revoked or expired: reconnect Google. */
    GOOGLE_RECONNECT_REQUIRED,
    /** The owner has no Google account connected. */
    GOOGLE_ACCOUNT_MISSING,
    /** The Drive file no longer exists or is not visible to the owner. */
    DRIVE_FILE_NOT_FOUND,
    /** The Drive file may not be downloaded (capabilities.canDownload=false) or access was refused. */
    DRIVE_FORBIDDEN,
    /** The file is not a video. */
    NOT_A_VIDEO,
    /** The Drive file is empty (0 bytes); YouTube accepts no empty media. */
    EMPTY_FILE,
    /** The file exceeds the configured hard size limit. */
    FILE_TOO_LARGE,
    /** YouTube rejected the title, description, tags, category or publishAt. */
    INVALID_METADATA,
    /** YouTube refused the request (403 forbidden). */
    YOUTUBE_FORBIDDEN,
    /**
     * The Google account has no YouTube channel (401 youtubeSignupRequired): the owner must create one; reconnecting
     * does not help and the account stays connected.
     */
    YOUTUBE_CHANNEL_REQUIRED,
    /**
     * The bytes streamed to YouTube do not have the md5 Drive reports for the file. The video was uploaded (its URL is
     * in the message) but is not trusted: it is not recorded as an upload of the file.
     */
    CONTENT_MISMATCH,
    /** The Google project's daily quota is used up; the job waits for the Pacific midnight reset. */
    QUOTA_EXCEEDED,
    /** The channel reached its daily upload cap (uploadLimitExceeded); the job waits 24 h. */
    UPLOAD_LIMIT_EXCEEDED,
    /** A transient error (5xx, 429, network); retried with back-off. */
    TRANSIENT,
    /** Transient errors persisted through every allowed attempt. */
    RETRIES_EXHAUSTED,
    /** Something unexpected on our side. */
    INTERNAL
}
