-- Private signing keys are stored sealed with a key from the environment
-- (AUTH_KEY_ENCRYPTION_KEY); keys stored before are sealed at the next start.
ALTER TABLE signing_keys ADD COLUMN sealed boolean NOT NULL DEFAULT false;
