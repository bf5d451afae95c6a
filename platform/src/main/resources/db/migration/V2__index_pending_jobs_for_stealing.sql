-- Idle workers claim pending jobs that waited longer than vidferry.worker.steal-after (oldest first), and
-- housekeeping re-dispatches stale pending jobs: both scan pending jobs by updated_at.
CREATE INDEX upload_job_pending_updated ON upload_job (updated_at) WHERE status = 'pending';
