-- V15 (issue #12): the account status "connected" is now called "active" (reconnect_required keeps its reason in
-- status_reason), and each YouTube channel's daily upload count has a ledger of its own.

-- 1. google_account.status: connected -> active. A writer that still says 'connected' (an older instance during a
--    rolling update) is accepted and stored as 'active' by the trigger; readers also accept 'connected'.
ALTER TABLE google_account DROP CONSTRAINT IF EXISTS google_account_status_check;
UPDATE google_account SET status = 'active' WHERE status = 'connected';
ALTER TABLE google_account ALTER COLUMN status SET DEFAULT 'active';
ALTER TABLE google_account ADD CONSTRAINT google_account_status_check
    CHECK (status IN ('active', 'reconnect_required', 'revoked'));

CREATE FUNCTION google_account_status_name() RETURNS trigger AS $$
BEGIN
    IF NEW.status = 'connected' THEN
        NEW.status := 'active';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER google_account_status_name BEFORE INSERT OR UPDATE OF status ON google_account
    FOR EACH ROW EXECUTE FUNCTION google_account_status_name();

-- 2. Uploads started per YouTube channel and Pacific day (YouTube caps uploads per channel, apart from the project
--    quota): one conditional upsert books an upload only while the count stays within the limit; exhausted_at
--    closes the day when YouTube answered uploadLimitExceeded, whatever the count says.
CREATE TABLE channel_upload_day (
    channel_id   text        NOT NULL,
    pacific_date date        NOT NULL,
    uploads      integer     NOT NULL DEFAULT 0 CHECK (uploads >= 0),
    upload_limit integer     NOT NULL CHECK (upload_limit >= 0),
    exhausted_at timestamptz,
    updated_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (channel_id, pacific_date)
);
