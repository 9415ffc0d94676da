-- Bulk sync runs (first start and on demand). A run's id is the LSN its pushed snapshot events carry:
-- far below any real LSN, so they never pass a link's high-water mark, and distinct per run, so a
-- second run is not taken for a replay of the first.
CREATE TABLE bulk_sync (
    id            bigserial   PRIMARY KEY,
    object_types  text        NOT NULL,
    trigger       text        NOT NULL,
    state         text        NOT NULL,
    summary       text,
    started_at    timestamptz NOT NULL DEFAULT now(),
    finished_at   timestamptz
);
