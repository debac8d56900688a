-- Who the users are, as far as chat needs to show them: from access-token claims, the
-- participants in meeting.events and auth.events (never read from auth's schema).
CREATE TABLE users (
	id         uuid PRIMARY KEY,
	username   varchar(30)  NOT NULL,
	name       varchar(100) NOT NULL,
	avatar_url varchar(300) NOT NULL DEFAULT '',
	created_at timestamptz,
	updated_at timestamptz  NOT NULL
);

-- The meetings and their members as meeting.events tell them. last_seq numbers the meeting's
-- live events; taking the next number locks the row until commit, so events commit in order.
CREATE TABLE meetings (
	id         uuid PRIMARY KEY,
	host_id    uuid,
	status     varchar(10) NOT NULL CHECK (status IN ('scheduled', 'active', 'ended')),
	allow_chat boolean     NOT NULL DEFAULT true,
	ended_at   timestamptz,
	last_seq   bigint      NOT NULL DEFAULT 0,
	updated_at timestamptz NOT NULL
);

-- first_joined_at set = a current or past participant, who may read the history.
CREATE TABLE members (
	meeting_id      uuid        NOT NULL REFERENCES meetings (id),
	user_id         uuid        NOT NULL,
	role            varchar(10) NOT NULL CHECK (role IN ('host', 'moderator', 'guest')),
	status          varchar(10) NOT NULL CHECK (status IN ('waiting', 'active', 'left', 'removed', 'denied')),
	first_joined_at timestamptz,
	updated_at      timestamptz NOT NULL,
	PRIMARY KEY (meeting_id, user_id)
);

-- The live stream of each meeting, kept so that a reconnecting subscriber gets what it missed.
-- about_user names whose join or departure an event is.
CREATE TABLE stream_events (
	meeting_id uuid        NOT NULL REFERENCES meetings (id),
	seq        bigint      NOT NULL,
	name       varchar(30) NOT NULL,
	about_user uuid,
	data       text        NOT NULL,
	created_at timestamptz NOT NULL,
	PRIMARY KEY (meeting_id, seq)
);
CREATE INDEX stream_events_about_idx ON stream_events (meeting_id, about_user, seq) WHERE about_user IS NOT NULL;

CREATE TABLE attachments (
	id           uuid PRIMARY KEY,
	meeting_id   uuid         NOT NULL REFERENCES meetings (id),
	uploaded_by  uuid         NOT NULL REFERENCES users (id),
	name         varchar(255) NOT NULL,
	size         bigint       NOT NULL,
	content_type varchar(255) NOT NULL,
	object_key   varchar(300) NOT NULL,
	created_at   timestamptz  NOT NULL
);

-- seq is the message's chat_message event in the live stream: history and stream agree on order.
CREATE TABLE messages (
	id            uuid PRIMARY KEY,
	meeting_id    uuid          NOT NULL REFERENCES meetings (id),
	seq           bigint        NOT NULL,
	user_id       uuid          NOT NULL REFERENCES users (id),
	type          varchar(10)   NOT NULL CHECK (type IN ('text', 'system', 'file')),
	content       varchar(4000) NOT NULL,
	attachment_id uuid REFERENCES attachments (id),
	created_at    timestamptz   NOT NULL,
	UNIQUE (meeting_id, seq)
);

-- Events already applied, so that a redelivered event changes nothing.
CREATE TABLE applied_events (
	event_id   varchar(100) PRIMARY KEY,
	applied_at timestamptz  NOT NULL
);
