-- The sync's own state (schema hubsync). Nothing is added to the product's tables.

-- One row per linked pair. synced_values holds each mapped property's canonical value as last
-- written to or read from both sides, so a change can be attributed to the side that made it
-- (a three-way comparison); the hashes make the echo check one comparison.
CREATE TABLE link (
    object_type_id       text        NOT NULL,
    hubspot_id           bigint      NOT NULL,
    platform_key         text        NOT NULL,
    version              bigint      NOT NULL DEFAULT 1,
    platform_hash        text,
    hubspot_hash         text,
    synced_values        jsonb       NOT NULL DEFAULT '{}',
    platform_lsn         bigint,
    hubspot_modified_at  timestamptz,
    archived             boolean     NOT NULL DEFAULT false,
    created_at           timestamptz NOT NULL DEFAULT now(),
    updated_at           timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (object_type_id, hubspot_id),
    UNIQUE (object_type_id, platform_key)
);

-- Event identities already applied, written in the transaction of their effect; expired by age.
CREATE TABLE processed_event (
    identity      text        PRIMARY KEY,
    processed_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX processed_event_age ON processed_event (processed_at);

-- Every decision, with both values on a conflict.
CREATE TABLE sync_log (
    id              bigserial   PRIMARY KEY,
    at              timestamptz NOT NULL DEFAULT now(),
    direction       text        NOT NULL,
    object_type_id  text        NOT NULL,
    platform_key    text,
    hubspot_id      bigint,
    correlation_id  text,
    outcome         text        NOT NULL,
    field           text,
    platform_value  text,
    hubspot_value   text,
    rule            text,
    winner          text,
    detail          text
);
CREATE INDEX sync_log_at ON sync_log (at);
CREATE INDEX sync_log_record ON sync_log (object_type_id, hubspot_id);
CREATE INDEX sync_log_platform ON sync_log (object_type_id, platform_key);

-- What needs a person: MANUAL fields, fuzzy proposals, duplicate platform emails, merges that join
-- two linked records, parked deletions.
CREATE TABLE review (
    id              bigserial   PRIMARY KEY,
    kind            text        NOT NULL,
    object_type_id  text        NOT NULL,
    platform_key    text,
    hubspot_id      bigint,
    field           text,
    platform_value  text,
    hubspot_value   text,
    detail          text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    resolved_at     timestamptz
);
CREATE INDEX review_open ON review (kind, object_type_id) WHERE resolved_at IS NULL;
