-- Saved folder syncs (issue #11 parts 7-9) and their runs. V1's folder_sync placeholder was never written by any
-- code: it is replaced by this shape (upload_job.folder_sync_id keeps pointing at it). All SQL on both tables lives in
-- platform dev.vidferry.platform.sync.

UPDATE upload_job SET folder_sync_id = NULL WHERE folder_sync_id IS NOT NULL;
DROP TABLE folder_sync CASCADE;

CREATE TABLE folder_sync (
    id                   uuid PRIMARY KEY,
    owner_id             text        NOT NULL,
    -- null: the owner's default Google account at run time
    google_account_id    uuid REFERENCES google_account (id) ON DELETE CASCADE,
    name                 text        NOT NULL,
    folder_id            text        NOT NULL,
    recursive            boolean     NOT NULL DEFAULT true,
    cron                 text        NOT NULL,
    timezone             text        NOT NULL DEFAULT 'UTC',
    max_files_per_run    integer     NOT NULL CHECK (max_files_per_run BETWEEN 1 AND 10000),
    settings             jsonb       NOT NULL DEFAULT '{}'::jsonb,
    enabled              boolean     NOT NULL DEFAULT true,
    -- Drive changes API: the token to read from (taken before the last full scan) and the folder tree it saw
    changes_page_token   text,
    folder_index         jsonb,
    next_run_at          timestamptz,
    last_run_at          timestamptz,
    created_at           timestamptz NOT NULL DEFAULT now(),
    updated_at           timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX folder_sync_owner ON folder_sync (owner_id, created_at, id);
ALTER TABLE upload_job ADD CONSTRAINT upload_job_folder_sync_id_fkey
    FOREIGN KEY (folder_sync_id) REFERENCES folder_sync (id) ON DELETE SET NULL;
CREATE INDEX folder_sync_due ON folder_sync (next_run_at) WHERE enabled;

-- One run of a sync: queued by POST /syncs/{id}/run (started_at null) or started by the scheduler when due.
CREATE TABLE folder_sync_run (
    id              uuid PRIMARY KEY,
    sync_id         uuid        NOT NULL REFERENCES folder_sync (id) ON DELETE CASCADE,
    trigger         text        NOT NULL CHECK (trigger IN ('schedule', 'manual')),
    status          text        NOT NULL CHECK (status IN ('queued', 'running', 'succeeded', 'failed')),
    -- full | incremental, known once the run started
    mode            text        CHECK (mode IN ('full', 'incremental')),
    full_requested  boolean     NOT NULL DEFAULT false,
    requested_at    timestamptz NOT NULL DEFAULT now(),
    started_at      timestamptz,
    finished_at     timestamptz,
    added_count     integer     NOT NULL DEFAULT 0,
    skipped_count   integer     NOT NULL DEFAULT 0,
    drive_calls     integer     NOT NULL DEFAULT 0,
    -- the batch of the jobs it queued (upload_job.batch_id): the run's id
    batch_id        text,
    error           text,
    warnings        jsonb       NOT NULL DEFAULT '[]'::jsonb
);
CREATE INDEX folder_sync_run_sync ON folder_sync_run (sync_id, requested_at DESC, id DESC);
-- at most one run waits per sync (POST /run twice = one run)
CREATE UNIQUE INDEX folder_sync_run_queued ON folder_sync_run (sync_id) WHERE status = 'queued';
