-- A foreign key written on the platform whose target row is not in HubSpot yet (e.g. a deal written
-- before its company): the association is created as soon as the target is linked.
CREATE TABLE pending_outbound_association (
    object_type_id     text        NOT NULL,
    platform_key       text        NOT NULL,
    column_name        text        NOT NULL,
    to_object_type_id  text        NOT NULL,
    to_platform_key    text        NOT NULL,
    created_at         timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (object_type_id, platform_key, column_name)
);
CREATE INDEX pending_outbound_association_target ON pending_outbound_association (to_object_type_id, to_platform_key);
