package app.meet.meeting.meetings;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import app.meet.platform.users.UserView;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code participants} table, one row per (meeting, user). */
@Repository
public class ParticipantRepository {

	/** A participant's row with their user, as {@link #map} reads it. */
	static final String SELECT = """
			SELECT p.*, u.username, u.name, u.avatar_url, u.created_at AS user_created_at
			FROM participants p JOIN users u ON u.id = p.user_id
			""";

	private final JdbcClient jdbc;

	ParticipantRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public Optional<ParticipantResponse> find(UUID meetingId, UUID userId) {
		return this.jdbc.sql(SELECT + " WHERE p.meeting_id = :meeting AND p.user_id = :user")
			.param("meeting", meetingId)
			.param("user", userId)
			.query(ParticipantRepository::map)
			.optional();
	}

	/**
	 * Active participants oldest first, or with everyone else who has a row: those who
	 * left, were removed, are waiting or were denied.
	 */
	public List<ParticipantResponse> list(UUID meetingId, boolean includeInactive) {
		return this.jdbc
			.sql(SELECT + " WHERE p.meeting_id = :meeting" + (includeInactive ? "" : " AND p.status = 'active'")
					+ " ORDER BY p.joined_at NULLS LAST, p.created_at, p.id")
			.param("meeting", meetingId)
			.query(ParticipantRepository::map)
			.list();
	}

	/** Makes the user an active participant, creating the row on the first join. */
	public void activate(UUID meetingId, UUID userId, ParticipantRole role, boolean muted, boolean videoOn,
			Instant now) {
		this.jdbc
			.sql("""
					INSERT INTO participants (id, meeting_id, user_id, role, status, joined_at, admitted_at, is_muted,
						is_video_on, created_at, updated_at)
					VALUES (:id, :meeting, :user, :role, 'active', :now, :now, :muted, :videoOn, :now, :now)
					ON CONFLICT (meeting_id, user_id) DO UPDATE SET role = excluded.role, status = 'active',
						joined_at = excluded.joined_at, left_at = NULL,
						admitted_at = coalesce(participants.admitted_at, excluded.admitted_at), is_muted = excluded.is_muted,
						is_video_on = excluded.is_video_on, is_sharing = false, hand_raised = false,
						updated_at = excluded.updated_at
					""")
			.param("id", UUID.randomUUID())
			.param("meeting", meetingId)
			.param("user", userId)
			.param("role", role.value())
			.param("muted", muted)
			.param("videoOn", videoOn)
			.param("now", Timestamp.from(now))
			.update();
	}

	/**
	 * Removes the user from the meeting for good: out now if active, and never back.
	 * @return whether anything changed: false for someone already removed or denied
	 */
	public boolean remove(UUID meetingId, UUID userId, Instant now) {
		return this.jdbc.sql("""
				UPDATE participants SET status = 'removed', admitted_at = NULL,
					left_at = CASE WHEN status = 'active' THEN :now ELSE left_at END, is_sharing = false,
					hand_raised = false, updated_at = :now
				WHERE meeting_id = :meeting AND user_id = :user AND status IN ('waiting', 'active', 'left')
				""").param("meeting", meetingId).param("user", userId).param("now", Timestamp.from(now)).update() > 0;
	}

	/** Gives an active participant another role. */
	public void changeRole(UUID meetingId, UUID userId, ParticipantRole role, Instant now) {
		this.jdbc.sql("""
				UPDATE participants SET role = :role, updated_at = :now
				WHERE meeting_id = :meeting AND user_id = :user AND status = 'active'
				""")
			.param("role", role.value())
			.param("meeting", meetingId)
			.param("user", userId)
			.param("now", Timestamp.from(now))
			.update();
	}

	/**
	 * Makes every other active host a moderator: the meeting's own host is back.
	 * @return who was demoted
	 */
	public List<UUID> demoteStandInHosts(UUID meetingId, UUID hostId, Instant now) {
		return this.jdbc.sql("""
				UPDATE participants SET role = 'moderator', updated_at = :now
				WHERE meeting_id = :meeting AND user_id <> :host AND role = 'host' AND status = 'active'
				RETURNING user_id
				""")
			.param("meeting", meetingId)
			.param("host", hostId)
			.param("now", Timestamp.from(now))
			.query(UUID.class)
			.list();
	}

	/** The role of the user's active participation, if any. */
	public Optional<ParticipantRole> activeRole(UUID meetingId, UUID userId) {
		return this.jdbc
			.sql("SELECT role FROM participants WHERE meeting_id = :meeting AND user_id = :user AND status = 'active'")
			.param("meeting", meetingId)
			.param("user", userId)
			.query(String.class)
			.optional()
			.map(ParticipantRole::of);
	}

	public void leave(UUID meetingId, UUID userId, Instant now) {
		this.jdbc.sql("""
				UPDATE participants SET status = 'left', left_at = :now, is_sharing = false, hand_raised = false,
					updated_at = :now
				WHERE meeting_id = :meeting AND user_id = :user AND status = 'active'
				""").param("meeting", meetingId).param("user", userId).param("now", Timestamp.from(now)).update();
	}

	/** Marks every active participant as left, for example when the meeting ends. */
	public List<UUID> leaveAll(UUID meetingId, Instant now) {
		return this.jdbc.sql("""
				UPDATE participants SET status = 'left', left_at = :now, is_sharing = false, hand_raised = false,
					updated_at = :now
				WHERE meeting_id = :meeting AND status = 'active'
				RETURNING user_id
				""").param("meeting", meetingId).param("now", Timestamp.from(now)).query(UUID.class).list();
	}

	/**
	 * Sets the given flags of an active participant; {@code null} keeps a flag as it is.
	 */
	public int updateState(UUID meetingId, UUID userId, Boolean muted, Boolean videoOn, Boolean sharing,
			Boolean handRaised, Instant now) {
		return this.jdbc.sql("""
				UPDATE participants SET is_muted = coalesce(:muted, is_muted),
					is_video_on = coalesce(:videoOn, is_video_on), is_sharing = coalesce(:sharing, is_sharing),
					hand_raised = coalesce(:handRaised, hand_raised), updated_at = :now
				WHERE meeting_id = :meeting AND user_id = :user AND status = 'active'
				""")
			.param("muted", muted)
			.param("videoOn", videoOn)
			.param("sharing", sharing)
			.param("handRaised", handRaised)
			.param("now", Timestamp.from(now))
			.param("meeting", meetingId)
			.param("user", userId)
			.update();
	}

	/**
	 * Passes the host role on: to the longest-present moderator, else the longest-present
	 * guest.
	 * @return the new host, if anyone is left
	 */
	public Optional<UUID> handOverHost(UUID meetingId, Instant now) {
		return this.jdbc.sql("""
				UPDATE participants SET role = 'host', updated_at = :now WHERE id = (
					SELECT id FROM participants WHERE meeting_id = :meeting AND status = 'active'
					ORDER BY CASE role WHEN 'moderator' THEN 0 ELSE 1 END, joined_at, id LIMIT 1)
				RETURNING user_id
				""").param("meeting", meetingId).param("now", Timestamp.from(now)).query(UUID.class).optional();
	}

	public int countActive(UUID meetingId) {
		return this.jdbc.sql("SELECT count(*) FROM participants WHERE meeting_id = :meeting AND status = 'active'")
			.param("meeting", meetingId)
			.query(Integer.class)
			.single();
	}

	static ParticipantResponse map(ResultSet row, int index) throws SQLException {
		Timestamp userCreated = row.getTimestamp("user_created_at");
		UserView user = new UserView(row.getObject("user_id", UUID.class), row.getString("username"),
				row.getString("name"), row.getString("avatar_url"),
				(userCreated != null) ? userCreated.toInstant() : null);
		return new ParticipantResponse(row.getObject("id", UUID.class), row.getObject("meeting_id", UUID.class), user,
				ParticipantRole.of(row.getString("role")), ParticipantStatus.of(row.getString("status")),
				instant(row, "joined_at"), instant(row, "left_at"), row.getBoolean("is_muted"),
				row.getBoolean("is_video_on"), row.getBoolean("is_sharing"), row.getBoolean("hand_raised"));
	}

	private static Instant instant(ResultSet row, String column) throws SQLException {
		Timestamp value = row.getTimestamp(column);
		return (value != null) ? value.toInstant() : null;
	}

}
