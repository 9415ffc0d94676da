-- Tasks, notes and tickets (ARCHITECTURE §15, issue #23): follow-ups, timeline notes and
-- support tickets of the demo product, synced with HubSpot's tasks (0-27), notes (0-46)
-- and tickets (0-5). Every column not named in the design is nullable. Owners (owner_id)
-- come with the users table in a migration of their own.

CREATE TABLE tasks (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    subject     text,
    body        text,
    status      text,
    priority    text,
    type        text,
    due_at      timestamptz,
    lead_id     uuid REFERENCES leads (id) ON DELETE SET NULL,
    company_id  uuid REFERENCES companies (id) ON DELETE SET NULL,
    deal_id     uuid REFERENCES deals (id) ON DELETE SET NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    deleted_at  timestamptz
);

CREATE TABLE notes (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    body        text,
    noted_at    timestamptz,
    lead_id     uuid REFERENCES leads (id) ON DELETE SET NULL,
    company_id  uuid REFERENCES companies (id) ON DELETE SET NULL,
    deal_id     uuid REFERENCES deals (id) ON DELETE SET NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    deleted_at  timestamptz
);

CREATE TABLE tickets (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    subject     text NOT NULL,
    content     text,
    priority    text,
    category    text,
    status      text,
    lead_id     uuid REFERENCES leads (id) ON DELETE SET NULL,
    company_id  uuid REFERENCES companies (id) ON DELETE SET NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    deleted_at  timestamptz
);

CREATE TRIGGER tasks_updated_at BEFORE UPDATE ON tasks FOR EACH ROW EXECUTE FUNCTION set_updated_at();
CREATE TRIGGER notes_updated_at BEFORE UPDATE ON notes FOR EACH ROW EXECUTE FUNCTION set_updated_at();
CREATE TRIGGER tickets_updated_at BEFORE UPDATE ON tickets FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- as V2 for the first tables: updates and deletes carry the whole old row
ALTER TABLE tasks REPLICA IDENTITY FULL;
ALTER TABLE notes REPLICA IDENTITY FULL;
ALTER TABLE tickets REPLICA IDENTITY FULL;
