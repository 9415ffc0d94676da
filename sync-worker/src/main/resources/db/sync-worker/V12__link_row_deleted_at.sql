-- The soft-delete time the inbound direction wrote to the row when it followed a HubSpot
-- deletion (or released the deletion guard): a restore of the record finds the row deleted
-- at that time when the deletion was HubSpot's own, and at another time when the product
-- deleted the row again since (the later change then decides).
ALTER TABLE hubsync.link ADD COLUMN row_deleted_at timestamptz;
