-- Dead letters re-driven by hubsync-ops: one row per dead-letter record sent back to its topic, so
-- nothing is re-driven twice by accident. The dead-letter topics themselves stay append-only.
CREATE TABLE dlt_redrive (
    dlt_topic       text        NOT NULL,
    dlt_partition   int         NOT NULL,
    dlt_offset      bigint      NOT NULL,
    record_key      text,
    target_topic    text        NOT NULL,
    target_offset   bigint,
    redriven_at     timestamptz NOT NULL DEFAULT now(),
    redriven_by     text        NOT NULL,
    PRIMARY KEY (dlt_topic, dlt_partition, dlt_offset)
);
