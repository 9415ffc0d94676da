-- Every saved version of every object type's mapping; versions only move forward.
CREATE TABLE mapping_versions (
    object_type_id text        NOT NULL,
    version        bigint      NOT NULL CHECK (version >= 1),
    config         jsonb       NOT NULL,
    source         text        NOT NULL CHECK (source IN ('file', 'api')),
    created_by     text,
    created_at     timestamptz NOT NULL DEFAULT now(),
    published_at   timestamptz,
    PRIMARY KEY (object_type_id, version)
);

CREATE INDEX mapping_versions_unpublished ON mapping_versions (object_type_id, version) WHERE published_at IS NULL;
