-- The reconciliation poller's watermark per object type: HubSpot's last-modified time up to
-- which every record was seen.
CREATE TABLE poll_watermark (
    object_type_id  text        PRIMARY KEY,
    watermark       timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL DEFAULT now()
);
