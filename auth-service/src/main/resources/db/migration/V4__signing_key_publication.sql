-- A new signing key is published before it signs: verifiers that cache the key set (the
-- gateway refetches it at most every 30 s) know it by the time the first token names it.
ALTER TABLE signing_keys ADD COLUMN signs_from timestamptz;
UPDATE signing_keys SET signs_from = created_at;
ALTER TABLE signing_keys ALTER COLUMN signs_from SET NOT NULL;
