-- Who the users are, as far as meetings need to show them: kept from access-token claims and
-- auth-service's events (never read from auth's schema).
CREATE TABLE users (
	id         uuid PRIMARY KEY,
	username   varchar(30)  NOT NULL,
	name       varchar(100) NOT NULL,
	avatar_url varchar(300) NOT NULL DEFAULT '',
	created_at timestamptz,
	updated_at timestamptz  NOT NULL
);

CREATE TABLE meetings (
	id                    uuid PRIMARY KEY,
	code                  char(10)      NOT NULL UNIQUE,
	title                 varchar(200)  NOT NULL,
	description           varchar(2000) NOT NULL DEFAULT '',
	host_id               uuid          NOT NULL REFERENCES users (id),
	status                varchar(10)   NOT NULL CHECK (status IN ('scheduled', 'active', 'ended')),
	scheduled_at          timestamptz,
	started_at            timestamptz,
	ended_at              timestamptz,
	max_users             int           NOT NULL CHECK (max_users BETWEEN 2 AND 1000),
	is_recording          boolean       NOT NULL DEFAULT false,
	recording_url         varchar(500),
	allow_chat            boolean       NOT NULL,
	allow_screen_share    boolean       NOT NULL,
	mute_on_join          boolean       NOT NULL,
	video_on_join         boolean       NOT NULL,
	waiting_room_enabled  boolean       NOT NULL,
	recording_enabled     boolean       NOT NULL,
	empty_timeout_seconds int           NOT NULL CHECK (empty_timeout_seconds >= 0),
	created_at            timestamptz   NOT NULL,
	updated_at            timestamptz   NOT NULL
);
CREATE INDEX meetings_host_idx ON meetings (host_id, created_at DESC, id DESC);

-- Events already applied, so that a redelivered event changes nothing.
CREATE TABLE applied_events (
	event_id   varchar(100) PRIMARY KEY,
	applied_at timestamptz  NOT NULL
);

-- One row per (meeting, user), reactivated on rejoin.
CREATE TABLE participants (
	id          uuid PRIMARY KEY,
	meeting_id  uuid        NOT NULL REFERENCES meetings (id),
	user_id     uuid        NOT NULL REFERENCES users (id),
	role        varchar(10) NOT NULL CHECK (role IN ('host', 'moderator', 'guest')),
	status      varchar(10) NOT NULL CHECK (status IN ('waiting', 'active', 'left', 'removed', 'denied')),
	joined_at   timestamptz,
	left_at     timestamptz,
	is_muted    boolean     NOT NULL,
	is_video_on boolean     NOT NULL,
	is_sharing  boolean     NOT NULL DEFAULT false,
	hand_raised boolean     NOT NULL DEFAULT false,
	created_at  timestamptz NOT NULL,
	updated_at  timestamptz NOT NULL,
	UNIQUE (meeting_id, user_id)
);
CREATE INDEX participants_user_idx ON participants (user_id);
