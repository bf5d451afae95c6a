-- Workers claim the next job by a fair order (worker-service JobRepository.NEXT): pending and due jobs, FIFO per
-- owner by created_at, owners with fewer running jobs first; expired leases are found by upload_job_lease (V1).
-- The running count per owner reads upload_job_owner_status (V1).
CREATE INDEX upload_job_pending_fifo ON upload_job (owner_id, created_at, id) WHERE status = 'pending';
