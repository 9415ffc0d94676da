-- Operator pauses per direction and object type; all replicas read them.
CREATE TABLE pause (
    direction       text        NOT NULL CHECK (direction IN ('inbound', 'outbound')),
    object_type_id  text        NOT NULL,
    paused_at       timestamptz NOT NULL DEFAULT now(),
    paused_by       text,
    PRIMARY KEY (direction, object_type_id)
);

-- Events that arrived for a paused object type, kept whole (key, value, headers) and published
-- again, in order, on resume. Their identities are not marked processed.
CREATE TABLE parked_event (
    id              bigserial   PRIMARY KEY,
    direction       text        NOT NULL,
    object_type_id  text        NOT NULL,
    topic           text        NOT NULL,
    record_key      text,
    record_value    bytea,
    headers         jsonb       NOT NULL DEFAULT '{}',
    parked_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX parked_event_type ON parked_event (direction, object_type_id, id);
