-- Issue #14: the after-upload steps (stage 'finishing') of a job and their progress, so a new attempt after a crash
-- resumes them without repeating what was done. One key per step (e.g. "playlist"), each
-- {"state": "done" | "failed", "detail": "..."}.
ALTER TABLE upload_job ADD COLUMN finish_steps jsonb NOT NULL DEFAULT '{}'::jsonb;

-- Playlists vidferry created by title, one per channel and title: a second job with the same playlistTitle reuses
-- it. A row without playlist_id is a creation under way by claimed_by_job (taken over when claimed_at is stale).
CREATE TABLE youtube_playlist (
    channel_id     text        NOT NULL,
    title          text        NOT NULL,
    playlist_id    text,
    claimed_by_job uuid,
    claimed_at     timestamptz NOT NULL DEFAULT now(),
    created_at     timestamptz,
    PRIMARY KEY (channel_id, title)
);
