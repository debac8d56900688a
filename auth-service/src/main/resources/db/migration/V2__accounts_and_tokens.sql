CREATE TABLE users (
	id            uuid PRIMARY KEY,
	email         varchar(254) NOT NULL,
	username      varchar(30)  NOT NULL,
	name          varchar(100) NOT NULL,
	password_hash varchar(100) NOT NULL,
	avatar_object varchar(200),
	avatar_type   varchar(50),
	created_at    timestamptz  NOT NULL,
	updated_at    timestamptz  NOT NULL
);
-- email and username are unique ignoring case
CREATE UNIQUE INDEX users_email_key ON users (lower(email));
CREATE UNIQUE INDEX users_username_key ON users (lower(username));

-- The keys access tokens are signed with. The newest signs; a retired key keeps verifying until
-- the tokens it signed have expired.
CREATE TABLE signing_keys (
	kid         varchar(64) PRIMARY KEY,
	algorithm   varchar(10) NOT NULL,
	private_key bytea       NOT NULL,
	public_key  bytea       NOT NULL,
	created_at  timestamptz NOT NULL,
	retired_at  timestamptz
);

-- Opaque refresh tokens, stored as SHA-256 hashes. Every login starts a family; each refresh
-- spends one token and issues the next of the same family; presenting a spent token revokes the
-- whole family.
CREATE TABLE refresh_tokens (
	id         uuid PRIMARY KEY,
	family_id  uuid        NOT NULL,
	user_id    uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	token_hash bytea       NOT NULL UNIQUE,
	created_at timestamptz NOT NULL,
	expires_at timestamptz NOT NULL,
	spent_at   timestamptz,
	revoked_at timestamptz
);
CREATE INDEX refresh_tokens_family_idx ON refresh_tokens (family_id);
CREATE INDEX refresh_tokens_user_idx ON refresh_tokens (user_id);
