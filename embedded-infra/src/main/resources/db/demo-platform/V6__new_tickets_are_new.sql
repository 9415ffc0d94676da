-- A ticket inserted with no status is new (issue 23): the demo mapping maps the status to
-- a stage of HubSpot's default ticket pipeline by label ('new' is its first stage, New),
-- so the mapping names no portal-specific stage id for a ticket created without one.
ALTER TABLE tickets ALTER COLUMN status SET DEFAULT 'new';
