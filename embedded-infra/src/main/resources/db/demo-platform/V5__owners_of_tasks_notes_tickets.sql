-- The owner of a task, a note and a ticket (issue 23), as V4 gave leads and deals theirs:
-- a product user, matched to a HubSpot owner by email (the owner transform).

ALTER TABLE tasks ADD COLUMN owner_id uuid REFERENCES users (id);
ALTER TABLE notes ADD COLUMN owner_id uuid REFERENCES users (id);
ALTER TABLE tickets ADD COLUMN owner_id uuid REFERENCES users (id);
