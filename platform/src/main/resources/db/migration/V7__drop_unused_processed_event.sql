-- processed_event was created for idempotent consumers but never used: every consumer is idempotent through a
-- conditional update of upload_job (the claim, fenced writes), see docs/architecture.md "Job lifecycle".
DROP TABLE IF EXISTS processed_event;
