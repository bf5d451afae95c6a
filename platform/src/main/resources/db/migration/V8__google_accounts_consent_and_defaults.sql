-- Several Google accounts (channels) per user, one of them the default; the browser consent flow's pending states.

ALTER TABLE google_account ADD COLUMN is_default boolean NOT NULL DEFAULT false;
-- the account a job without googleAccountId uses: the old 'default' key, else the owner's first account
UPDATE google_account a SET is_default = true
 WHERE a.id = (SELECT b.id FROM google_account b WHERE b.owner_id = a.owner_id
                ORDER BY (b.account_key = 'default') DESC, b.created_at, b.id LIMIT 1);
CREATE UNIQUE INDEX google_account_one_default ON google_account (owner_id) WHERE is_default;

-- A consent started by GET /api/v1/google/connect: single use (deleted when the callback takes it), expires. Only
-- the SHA-256 of the state is kept; the PKCE verifier is encrypted (platform TokenCipher, bound to owner + row).
CREATE TABLE google_consent_state (
    id                    uuid PRIMARY KEY,
    state_hash            bytea       NOT NULL UNIQUE,
    owner_id              text        NOT NULL,
    key_id                text        NOT NULL,
    verifier_ciphertext   bytea       NOT NULL,
    expires_at            timestamptz NOT NULL,
    created_at            timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX google_consent_state_expiry ON google_consent_state (expires_at);
