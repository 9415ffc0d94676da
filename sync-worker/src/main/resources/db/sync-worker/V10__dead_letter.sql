-- Every record the worker dead-lettered, with the kind of reason (the exception's class): what
-- /api/status counts as set aside, less those re-driven (dlt_redrive). The dead-letter topics stay
-- the record of the records themselves; the ingress's dead letters (webhooks it could not read) are
-- counted by hubsync-ops status from the topic.
CREATE TABLE dead_letter (
    dlt_topic         text        NOT NULL,
    dlt_partition     int         NOT NULL,
    dlt_offset        bigint      NOT NULL,
    record_key        text,
    reason_class      text        NOT NULL,
    reason            text,
    dead_lettered_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (dlt_topic, dlt_partition, dlt_offset)
);
