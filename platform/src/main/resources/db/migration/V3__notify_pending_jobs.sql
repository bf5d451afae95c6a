-- Wake idle workers the moment a job becomes pending (created, handed back, re-queued, due again): workers LISTEN on
-- upload_job_pending and claim by the fair order. Notifications with the same payload collapse per transaction, so a
-- folder sync that queues thousands of jobs sends one.
CREATE FUNCTION upload_job_pending_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('upload_job_pending', '');
    RETURN NULL;
END;
$$;
CREATE TRIGGER upload_job_pending AFTER INSERT OR UPDATE OF status, next_attempt_at ON upload_job
    FOR EACH ROW WHEN (NEW.status = 'pending') EXECUTE FUNCTION upload_job_pending_notify();
