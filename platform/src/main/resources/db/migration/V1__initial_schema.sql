-- vidferry schema v1. Owned by api-service (migrates at start); worker and scheduler validate.
-- Later changes go into new V<n>__*.sql files; never edit an applied migration.

-- Google accounts connected by users. Tokens are AES-256-GCM ciphertexts; key_id names the key that
-- encrypted them so keys can rotate. One owner may connect several accounts (channels) later: account_key.
CREATE TABLE google_account (
    id                       uuid PRIMARY KEY,
    owner_id                 text        NOT NULL,
    account_key              text        NOT NULL DEFAULT 'default',
    google_subject           text,
    email                    text,
    channel_id               text,
    channel_title            text,
    project_id               text        NOT NULL,
    scopes                   text[]      NOT NULL DEFAULT '{}',
    key_id                   text        NOT NULL,
    refresh_token_ciphertext bytea       NOT NULL,
    access_token_ciphertext  bytea,
    access_token_expires_at  timestamptz,
    status                   text        NOT NULL DEFAULT 'connected'
        CHECK (status IN ('connected', 'reconnect_required', 'revoked')),
    status_reason            text,
    created_at               timestamptz NOT NULL DEFAULT now(),
    updated_at               timestamptz NOT NULL DEFAULT now(),
    UNIQUE (owner_id, account_key)
);

-- Saved folder syncs (scheduler issue): a Drive folder scanned on a cron, enqueueing new videos.
CREATE TABLE folder_sync (
    id                   uuid PRIMARY KEY,
    owner_id             text        NOT NULL,
    google_account_id    uuid REFERENCES google_account (id) ON DELETE CASCADE,
    drive_folder_id      text        NOT NULL,
    drive_id             text,
    folder_name          text,
    recursive            boolean     NOT NULL DEFAULT false,
    cron                 text,
    enabled              boolean     NOT NULL DEFAULT true,
    title_template       text        NOT NULL DEFAULT '{filename}',
    description_template text,
    defaults             jsonb       NOT NULL DEFAULT '{}'::jsonb,
    md5_marker           boolean     NOT NULL DEFAULT false,
    max_files            integer CHECK (max_files IS NULL OR max_files > 0),
    skip_duplicates      boolean     NOT NULL DEFAULT true,
    last_run_at          timestamptz,
    last_run_status      text,
    last_run_message     text,
    next_run_at          timestamptz,
    created_at           timestamptz NOT NULL DEFAULT now(),
    updated_at           timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX folder_sync_owner ON folder_sync (owner_id);
CREATE INDEX folder_sync_due ON folder_sync (next_run_at) WHERE enabled;

-- One Drive file to copy to YouTube. Status transitions follow dev.vidferry.model.job.JobStateMachine.
CREATE TABLE upload_job (
    id                        uuid PRIMARY KEY,
    owner_id                  text        NOT NULL,
    google_account_id         uuid REFERENCES google_account (id) ON DELETE SET NULL,
    drive_file_id             text        NOT NULL,
    drive_file_name           text        NOT NULL,
    drive_mime_type           text,
    drive_md5                 text,
    size_bytes                bigint      NOT NULL CHECK (size_bytes >= 0),
    folder_path               text,
    batch_id                  text,
    folder_sync_id            uuid REFERENCES folder_sync (id) ON DELETE SET NULL,
    metadata                  jsonb       NOT NULL,
    status                    text        NOT NULL
        CHECK (status IN ('pending', 'downloading', 'uploading', 'deferred', 'completed', 'failed', 'cancelled')),
    stage                     text,
    progress                  smallint    NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
    bytes_transferred         bigint      NOT NULL DEFAULT 0,
    total_bytes               bigint      NOT NULL DEFAULT 0,
    message                   text,
    warning                   text,
    error_code                text,
    error_message             text,
    attempt                   integer     NOT NULL DEFAULT 0,
    max_attempts              integer     NOT NULL DEFAULT 5,
    next_attempt_at           timestamptz,
    deferred_reason           text,
    lease_owner               text,
    lease_expires_at          timestamptz,
    upload_session_uri        text,
    upload_confirmed_offset   bigint      NOT NULL DEFAULT 0,
    upload_session_started_at timestamptz,
    video_id                  text,
    video_url                 text,
    cancel_requested_at       timestamptz,
    created_at                timestamptz NOT NULL DEFAULT now(),
    started_at                timestamptz,
    updated_at                timestamptz NOT NULL DEFAULT now(),
    completed_at              timestamptz
);
-- newest-first listing with a (created_at, id) cursor
CREATE INDEX upload_job_owner_created ON upload_job (owner_id, created_at DESC, id DESC);
CREATE INDEX upload_job_owner_status ON upload_job (owner_id, status);
CREATE INDEX upload_job_owner_batch ON upload_job (owner_id, batch_id) WHERE batch_id IS NOT NULL;
CREATE INDEX upload_job_owner_md5 ON upload_job (owner_id, drive_md5) WHERE drive_md5 IS NOT NULL;
-- housekeeping: due deferred/backed-off jobs and expired leases
CREATE INDEX upload_job_due ON upload_job (next_attempt_at) WHERE status IN ('pending', 'deferred');
CREATE INDEX upload_job_lease ON upload_job (lease_expires_at) WHERE status IN ('downloading', 'uploading');

-- Transactional outbox: written in the same transaction as the job change; a relay publishes and marks.
CREATE TABLE job_outbox (
    id           bigserial PRIMARY KEY,
    event_id     uuid        NOT NULL UNIQUE,
    aggregate_id uuid        NOT NULL,
    topic        text        NOT NULL,
    event_type   text        NOT NULL,
    payload      jsonb       NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    published_at timestamptz,
    attempts     integer     NOT NULL DEFAULT 0,
    last_error   text
);
CREATE INDEX job_outbox_unpublished ON job_outbox (id) WHERE published_at IS NULL;

-- Wake the relay at commit instead of waiting for its next poll.
CREATE FUNCTION job_outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('job_outbox', '');
    RETURN NULL;
END;
$$;
CREATE TRIGGER job_outbox_inserted AFTER INSERT ON job_outbox
    FOR EACH STATEMENT EXECUTE FUNCTION job_outbox_notify();

-- Successful uploads, per owner. The same md5 may appear many times (re-uploads, several jobs).
CREATE TABLE upload_history (
    id                uuid PRIMARY KEY,
    owner_id          text        NOT NULL,
    google_account_id uuid REFERENCES google_account (id) ON DELETE SET NULL,
    channel_id        text,
    job_id            uuid,
    drive_file_id     text        NOT NULL,
    drive_file_name   text,
    drive_md5         text,
    size_bytes        bigint,
    video_id          text        NOT NULL,
    video_url         text        NOT NULL,
    title             text,
    uploaded_at       timestamptz NOT NULL DEFAULT now(),
    verified_at       timestamptz,
    video_gone_at     timestamptz
);
CREATE INDEX upload_history_owner_md5 ON upload_history (owner_id, drive_md5, uploaded_at DESC);
CREATE INDEX upload_history_owner_uploaded ON upload_history (owner_id, uploaded_at DESC, id DESC);
CREATE UNIQUE INDEX upload_history_job ON upload_history (job_id) WHERE job_id IS NOT NULL;

-- YouTube quota, shared by every process: per Google project, method bucket and Pacific calendar day.
CREATE TABLE quota_ledger (
    project_id   text        NOT NULL,
    bucket       text        NOT NULL,
    pacific_date date        NOT NULL,
    used         bigint      NOT NULL DEFAULT 0 CHECK (used >= 0),
    quota_limit  bigint      NOT NULL CHECK (quota_limit >= 0),
    exhausted_at timestamptz,
    updated_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (project_id, bucket, pacific_date)
);

-- Idempotent consumers: an event id recorded in the same transaction as its effect.
CREATE TABLE processed_event (
    consumer     text        NOT NULL,
    event_id     uuid        NOT NULL,
    processed_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, event_id)
);
