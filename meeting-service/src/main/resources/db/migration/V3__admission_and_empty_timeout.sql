-- Admission of each (meeting, user): no row = never asked; status 'waiting' = knocked; admitted_at set =
-- admitted (a participant who has joined counts as admitted, so returns without asking); status
-- 'denied' or 'removed' = refused. joined_at stays NULL until the first join.
ALTER TABLE participants ADD COLUMN requested_at timestamptz, ADD COLUMN admitted_at timestamptz;
UPDATE participants SET admitted_at = joined_at WHERE status IN ('active', 'left');

-- When the last participant left an active meeting; it ends empty_timeout_seconds later unless
-- someone joins first.
ALTER TABLE meetings ADD COLUMN emptied_at timestamptz;
CREATE INDEX meetings_emptied_idx ON meetings (emptied_at) WHERE status = 'active' AND emptied_at IS NOT NULL;
