-- Issue #11: a Drive file is queued at most once per owner and Google account while its job is live (pending,
-- downloading, uploading, deferred: every status JobStateMachine can still leave), so two concurrent folder scans or
-- a double POST /jobs cannot queue one file twice. Batch inserts skip conflicts (ON CONFLICT DO NOTHING) and report
-- them as already_queued; POST /jobs answers 409 already-queued.

-- Live duplicates that already exist: the waiting ones (pending, deferred) are cancelled, keeping a running one or
-- else the oldest, so the index can be built.
UPDATE upload_job j
   SET status = 'cancelled', stage = NULL, next_attempt_at = NULL, upload_session_uri = NULL,
       message = 'Cancelled: the same Drive file is already queued', completed_at = now(), updated_at = now()
 WHERE j.status IN ('pending', 'deferred')
   AND EXISTS (SELECT 1 FROM upload_job o
                WHERE o.id <> j.id AND o.owner_id = j.owner_id AND o.drive_file_id = j.drive_file_id
                  AND o.google_account_id IS NOT DISTINCT FROM j.google_account_id
                  AND o.status IN ('pending', 'downloading', 'uploading', 'deferred')
                  AND (o.status IN ('downloading', 'uploading') OR (o.created_at, o.id) < (j.created_at, j.id)));

-- a job without an account (older rows) counts as one account of its own per owner
CREATE UNIQUE INDEX upload_job_one_live_per_file ON upload_job
    (owner_id, coalesce(google_account_id, '00000000-0000-0000-0000-000000000000'::uuid), drive_file_id)
    WHERE status IN ('pending', 'downloading', 'uploading', 'deferred');

-- false: the user asked to upload the file even when its md5 is already on the channel (folder enqueue with
-- skipDuplicates=false); the worker then skips its duplicate check at claim
ALTER TABLE upload_job ADD COLUMN skip_duplicates boolean NOT NULL DEFAULT true;
