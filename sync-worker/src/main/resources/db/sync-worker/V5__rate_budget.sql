-- The HubSpot rate budget shared by every HubSync process on this database (Bucket4j's state per
-- portal and bucket); used when hubsync.hubspot.rate-limit.store=postgresql with table hubsync.rate_budget.
CREATE TABLE IF NOT EXISTS rate_budget (
    id     bigint PRIMARY KEY,
    state  bytea
);
