-- The product's users, and the owner of a lead and of a deal (issue 23). HubSync matches
-- users to HubSpot owners by email (the owner transform); it adds no column of its own.
-- V3 (tasks, notes, tickets) is another change; its tables name owner_id themselves.

CREATE TABLE users (
    id      uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    email   text UNIQUE NOT NULL,
    name    text,
    active  boolean DEFAULT true
);

ALTER TABLE leads ADD COLUMN owner_id uuid REFERENCES users (id);
ALTER TABLE deals ADD COLUMN owner_id uuid REFERENCES users (id);
