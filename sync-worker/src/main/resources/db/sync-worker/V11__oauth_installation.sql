-- HubSync's OAuth installation (hubsync.hubspot.auth=oauth): one row, so one HubSpot portal per
-- installation. The tokens are AES-256-GCM ciphertext (12-byte nonce, then ciphertext and tag),
-- never clear text; key_id names the configured key (hubsync.hubspot.oauth.keys.<id>) that
-- opens them, so rows sealed under an old key are found and re-encrypted after a rotation. Every
-- service that calls HubSpot (sync-worker, mapping-service) reads its token here.
CREATE TABLE oauth_installation (
    id              smallint    PRIMARY KEY DEFAULT 1 CHECK (id = 1),
    hub_id          bigint      NOT NULL,
    key_id          text        NOT NULL,
    access_token    bytea       NOT NULL,
    refresh_token   bytea       NOT NULL,
    expires_at      timestamptz NOT NULL,
    installed_at    timestamptz NOT NULL DEFAULT now(),
    refreshed_at    timestamptz,
    revoked_at      timestamptz,
    revoked_reason  text
);
