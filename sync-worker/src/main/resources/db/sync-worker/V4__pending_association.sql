-- An association whose other end is not linked yet: the foreign key is set once it is.
CREATE TABLE pending_association (
    object_type_id     text        NOT NULL,
    hubspot_id         bigint      NOT NULL,
    column_name        text        NOT NULL,
    to_object_type_id  text        NOT NULL,
    to_hubspot_id      bigint      NOT NULL,
    created_at         timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (object_type_id, hubspot_id, column_name)
);
CREATE INDEX pending_association_target ON pending_association (to_object_type_id, to_hubspot_id);
