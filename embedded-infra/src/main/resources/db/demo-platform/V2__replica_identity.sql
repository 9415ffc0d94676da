-- Updates and deletes of the captured tables carry the whole old row, so the sync can tell
-- which columns an update touched. A migration's job (the table owner's), not the
-- publisher's: its role needs no ownership of the product's tables (docs/security.md).
ALTER TABLE companies REPLICA IDENTITY FULL;
ALTER TABLE leads REPLICA IDENTITY FULL;
ALTER TABLE deals REPLICA IDENTITY FULL;
