package app.meet.meeting.meetings;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code meetings} table. */
@Repository
public class MeetingRepository {

	private final JdbcClient jdbc;

	MeetingRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * @throws org.springframework.dao.DuplicateKeyException when the code is taken
	 */
	void insert(Meeting meeting) {
		MeetingSettings settings = meeting.settings();
		this.jdbc.sql("""
				INSERT INTO meetings (id, code, title, description, host_id, status, scheduled_at, max_users,
					allow_chat, allow_screen_share, mute_on_join, video_on_join, waiting_room_enabled,
					recording_enabled, empty_timeout_seconds, created_at, updated_at)
				VALUES (:id, :code, :title, :description, :hostId, :status, :scheduledAt, :maxUsers,
					:allowChat, :allowScreenShare, :muteOnJoin, :videoOnJoin, :waitingRoomEnabled,
					:recordingEnabled, :emptyTimeoutSeconds, :createdAt, :updatedAt)
				""")
			.param("id", meeting.id())
			.param("code", meeting.code())
			.param("title", meeting.title())
			.param("description", meeting.description())
			.param("hostId", meeting.hostId())
			.param("status", meeting.status().value())
			.param("scheduledAt", timestamp(meeting.scheduledAt()))
			.param("maxUsers", meeting.maxUsers())
			.param("allowChat", settings.allowChat())
			.param("allowScreenShare", settings.allowScreenShare())
			.param("muteOnJoin", settings.muteOnJoin())
			.param("videoOnJoin", settings.videoOnJoin())
			.param("waitingRoomEnabled", settings.waitingRoomEnabled())
			.param("recordingEnabled", settings.recordingEnabled())
			.param("emptyTimeoutSeconds", settings.emptyTimeoutSeconds())
			.param("createdAt", timestamp(meeting.createdAt()))
			.param("updatedAt", timestamp(meeting.updatedAt()))
			.update();
	}

	public Optional<Meeting> findById(UUID id) {
		return this.jdbc.sql("SELECT * FROM meetings WHERE id = :id")
			.param("id", id)
			.query(MeetingRepository::map)
			.optional();
	}

	public Optional<Meeting> findByCode(String code) {
		return this.jdbc.sql("SELECT * FROM meetings WHERE code = :code")
			.param("code", code)
			.query(MeetingRepository::map)
			.optional();
	}

	/**
	 * The host and anyone who ever joined may see a meeting, unless they were removed or
	 * denied since; those who only asked to join may not.
	 */
	public boolean isVisibleTo(Meeting meeting, UUID userId) {
		return meeting.hostId().equals(userId) || this.jdbc.sql("""
				SELECT EXISTS (SELECT 1 FROM participants
					WHERE meeting_id = :meeting AND user_id = :user AND joined_at IS NOT NULL
						AND status NOT IN ('removed', 'denied'))
				""").param("meeting", meeting.id()).param("user", userId).query(Boolean.class).single();
	}

	/**
	 * Reads the meeting and locks it until the transaction ends, serializing joins and
	 * leaves.
	 */
	Meeting lock(UUID id) {
		return this.jdbc.sql("SELECT * FROM meetings WHERE id = :id FOR UPDATE")
			.param("id", id)
			.query(MeetingRepository::map)
			.optional()
			.orElseThrow(MeetingNotFoundException::new);
	}

	void update(Meeting meeting) {
		MeetingSettings settings = meeting.settings();
		this.jdbc.sql("""
				UPDATE meetings SET title = :title, description = :description, scheduled_at = :scheduledAt,
					max_users = :maxUsers, allow_chat = :allowChat, allow_screen_share = :allowScreenShare,
					mute_on_join = :muteOnJoin, video_on_join = :videoOnJoin,
					waiting_room_enabled = :waitingRoomEnabled, recording_enabled = :recordingEnabled,
					empty_timeout_seconds = :emptyTimeoutSeconds, updated_at = :updatedAt
				WHERE id = :id
				""")
			.param("id", meeting.id())
			.param("title", meeting.title())
			.param("description", meeting.description())
			.param("scheduledAt", timestamp(meeting.scheduledAt()))
			.param("maxUsers", meeting.maxUsers())
			.param("allowChat", settings.allowChat())
			.param("allowScreenShare", settings.allowScreenShare())
			.param("muteOnJoin", settings.muteOnJoin())
			.param("videoOnJoin", settings.videoOnJoin())
			.param("waitingRoomEnabled", settings.waitingRoomEnabled())
			.param("recordingEnabled", settings.recordingEnabled())
			.param("emptyTimeoutSeconds", settings.emptyTimeoutSeconds())
			.param("updatedAt", timestamp(meeting.updatedAt()))
			.update();
	}

	void end(UUID id, Instant now) {
		this.jdbc.sql(
				"UPDATE meetings SET status = 'ended', ended_at = :now, emptied_at = NULL, updated_at = :now WHERE id = :id")
			.param("id", id)
			.param("now", Timestamp.from(now))
			.update();
	}

	/**
	 * Starts the empty-timeout clock of an active meeting nobody is in any more.
	 */
	public void markEmptyIfNobodyIn(UUID id, Instant now) {
		this.jdbc.sql("""
				UPDATE meetings SET emptied_at = :now WHERE id = :id AND status = 'active' AND NOT EXISTS
					(SELECT 1 FROM participants WHERE meeting_id = :id AND status = 'active')
				""").param("id", id).param("now", Timestamp.from(now)).update();
	}

	/** Someone is in again: the empty timeout no longer runs. */
	public void markOccupied(UUID id) {
		this.jdbc.sql("UPDATE meetings SET emptied_at = NULL WHERE id = :id AND emptied_at IS NOT NULL")
			.param("id", id)
			.update();
	}

	/** Active meetings that have been empty for their whole empty timeout. */
	List<UUID> emptyTooLong(Instant now) {
		return this.jdbc.sql("""
				SELECT id FROM meetings WHERE status = 'active' AND emptied_at IS NOT NULL
					AND emptied_at + make_interval(secs => empty_timeout_seconds) <= :now
				ORDER BY emptied_at LIMIT 100
				""").param("now", Timestamp.from(now)).query(UUID.class).list();
	}

	/** Records the meeting's recording state as recording-service reports it. */
	void updateRecording(UUID id, boolean recording, String recordingUrl, Instant now) {
		this.jdbc.sql("""
				UPDATE meetings SET is_recording = :recording, recording_url = coalesce(:url, recording_url),
					updated_at = :now
				WHERE id = :id
				""")
			.param("id", id)
			.param("recording", recording)
			.param("url", recordingUrl)
			.param("now", Timestamp.from(now))
			.update();
	}

	public void start(UUID id, Instant now) {
		this.jdbc.sql("UPDATE meetings SET status = 'active', started_at = :now, updated_at = :now WHERE id = :id")
			.param("id", id)
			.param("now", Timestamp.from(now))
			.update();
	}

	/**
	 * The user's meetings, hosted or joined (and not removed or denied since), newest
	 * first, after the cursor meeting if given.
	 */
	List<Meeting> listFor(UUID userId, UUID before, int limit) {
		return this.jdbc.sql("""
				SELECT m.* FROM meetings m
				WHERE (m.host_id = :user OR EXISTS
						(SELECT 1 FROM participants p
							WHERE p.meeting_id = m.id AND p.user_id = :user AND p.joined_at IS NOT NULL
								AND p.status NOT IN ('removed', 'denied')))
					AND (CAST(:before AS uuid) IS NULL OR (m.created_at, m.id) <
						(SELECT c.created_at, c.id FROM meetings c WHERE c.id = CAST(:before AS uuid)))
				ORDER BY m.created_at DESC, m.id DESC
				LIMIT :limit
				""")
			.param("user", userId)
			.param("before", before)
			.param("limit", limit)
			.query(MeetingRepository::map)
			.list();
	}

	private static Meeting map(ResultSet row, int index) throws SQLException {
		MeetingSettings settings = new MeetingSettings(row.getBoolean("allow_chat"),
				row.getBoolean("allow_screen_share"), row.getBoolean("mute_on_join"), row.getBoolean("video_on_join"),
				row.getBoolean("waiting_room_enabled"), row.getBoolean("recording_enabled"),
				row.getInt("empty_timeout_seconds"));
		return new Meeting(row.getObject("id", UUID.class), row.getString("code"), row.getString("title"),
				row.getString("description"), row.getObject("host_id", UUID.class),
				MeetingStatus.of(row.getString("status")), instant(row, "scheduled_at"), instant(row, "started_at"),
				instant(row, "ended_at"), row.getInt("max_users"), row.getBoolean("is_recording"),
				row.getString("recording_url"), settings, instant(row, "created_at"), instant(row, "updated_at"));
	}

	private static Instant instant(ResultSet row, String column) throws SQLException {
		Timestamp value = row.getTimestamp(column);
		return (value != null) ? value.toInstant() : null;
	}

	private static Timestamp timestamp(Instant instant) {
		return (instant != null) ? Timestamp.from(instant) : null;
	}

}
