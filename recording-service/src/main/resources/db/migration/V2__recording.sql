-- The meetings and their members as meeting.events tell them: who may start, upload, stop,
-- watch and delete.
CREATE TABLE meetings (
	id                uuid PRIMARY KEY,
	host_id           uuid,
	status            varchar(10) NOT NULL CHECK (status IN ('scheduled', 'active', 'ended')),
	recording_enabled boolean     NOT NULL DEFAULT true,
	updated_at        timestamptz NOT NULL
);

-- first_joined_at set = a current or past participant, who may watch the recordings.
CREATE TABLE members (
	meeting_id      uuid        NOT NULL REFERENCES meetings (id),
	user_id         uuid        NOT NULL,
	role            varchar(10) NOT NULL CHECK (role IN ('host', 'moderator', 'guest')),
	status          varchar(10) NOT NULL CHECK (status IN ('waiting', 'active', 'left', 'removed', 'denied')),
	first_joined_at timestamptz,
	updated_at      timestamptz NOT NULL,
	PRIMARY KEY (meeting_id, user_id)
);

CREATE TABLE applied_events (
	event_id   varchar(100) PRIMARY KEY,
	applied_at timestamptz  NOT NULL
);

-- A recording is one S3 multipart upload (upload_id) into object_key. Chunks arrive numbered
-- from 0; next_seq is the one expected. Chunks are staged as objects of their own until they
-- add up to a part (recording_chunks), then sent as one part (recording_parts); stop sends the
-- rest as the last part and completes the upload. Row locks on the recording order uploads,
-- stop and finishing.
CREATE TABLE recordings (
	id            uuid PRIMARY KEY,
	meeting_id    uuid         NOT NULL REFERENCES meetings (id),
	started_by    uuid         NOT NULL,
	status        varchar(10)  NOT NULL CHECK (status IN ('recording', 'ready', 'failed')),
	started_at    timestamptz  NOT NULL,
	stopped_at    timestamptz,
	size_bytes    bigint       NOT NULL DEFAULT 0,
	content_type  varchar(255),
	object_key    varchar(300) NOT NULL,
	upload_id     varchar(1024),
	next_seq      integer      NOT NULL DEFAULT 0,
	last_chunk_at timestamptz  NOT NULL
);
-- at most one recording in progress per meeting
CREATE UNIQUE INDEX recordings_one_in_progress ON recordings (meeting_id) WHERE status = 'recording';
CREATE INDEX recordings_meeting_idx ON recordings (meeting_id, started_at);
CREATE INDEX recordings_idle_idx ON recordings (last_chunk_at) WHERE status = 'recording';

CREATE TABLE recording_chunks (
	recording_id uuid    NOT NULL REFERENCES recordings (id) ON DELETE CASCADE,
	seq          integer NOT NULL,
	size         bigint  NOT NULL,
	PRIMARY KEY (recording_id, seq)
);

CREATE TABLE recording_parts (
	recording_id uuid         NOT NULL REFERENCES recordings (id) ON DELETE CASCADE,
	part_number  integer      NOT NULL,
	etag         varchar(200) NOT NULL,
	size         bigint       NOT NULL,
	PRIMARY KEY (recording_id, part_number)
);
