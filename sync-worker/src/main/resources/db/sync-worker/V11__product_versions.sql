-- What the sync has accounted of a product row's versions, so that a HubSpot change is not
-- applied over a product change whose event is still on its way (a value set back to the
-- last-synced one, later than HubSpot's change, looks unchanged in the row).
--   platform_seen_at  the newest product row version the sync has accounted: the commit time
--                     of the newest change event the outbound direction processed, or the
--                     change time of the sync's own write to a row it had accounted
--   awaiting_product  bumped by a merge that left a field to the product's pending change
--                     event; while above 0, that row's events the outbound direction would
--                     settle unread (its own writes, changes of unmapped columns) are merged
ALTER TABLE link ADD COLUMN platform_seen_at timestamptz;
ALTER TABLE link ADD COLUMN awaiting_product integer NOT NULL DEFAULT 0;
