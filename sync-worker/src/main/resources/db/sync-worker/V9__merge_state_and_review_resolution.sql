-- The merge's per-field state on the link (ARCHITECTURE §7), beside synced_values (the ancestor A
-- of each property):
--   platform_changed_at: per property, the commit time (ISO-8601) of a product change the sync has
--     seen but not settled (a conflict under review, a one-way field kept), so the other direction
--     can judge a later conflict by it;
--   hubspot_seen_at: per property, the newest HubSpot property-history entry (ISO-8601) the sync
--     has accounted for; a newer entry by anyone but the sync that the sync's own write then
--     covered is an overwritten edit, which the merge recovers.
ALTER TABLE link ADD COLUMN platform_changed_at jsonb NOT NULL DEFAULT '{}';
ALTER TABLE link ADD COLUMN hubspot_seen_at jsonb NOT NULL DEFAULT '{}';

-- Review items say how they were resolved and by whom (admin API), and one spelling of the
-- duplicate kind: duplicate_email.
ALTER TABLE review ADD COLUMN resolution text;
ALTER TABLE review ADD COLUMN resolved_by text;
UPDATE review SET kind = 'duplicate_email' WHERE kind = 'duplicate-email';
CREATE INDEX review_record ON review (object_type_id, platform_key) WHERE resolved_at IS NULL;
