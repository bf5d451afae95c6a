-- The Drive revision a job's upload session streams (issue #9): recorded at the first attempt that reads the file,
-- compared on every resume. With drive_md5 and total_bytes (recorded at the same time) it says which bytes the
-- session holds; a change means the session mixes two revisions and is abandoned.
ALTER TABLE upload_job
    ADD COLUMN drive_revision_id   text,
    ADD COLUMN drive_modified_time timestamptz,
    ADD COLUMN drive_revision_at   timestamptz;
