package app.meet.meeting.meetings;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The waiting room's side of the {@code participants} table: a knock is a waiting row, an
 * admission a waiting row with {@code admitted_at} (the user may then join), a denial a
 * {@code denied} row. Each change is one conditional upsert, so that decisions racing
 * each other leave one answer.
 */
@Repository
public class WaitingRoomRepository {

	private final JdbcClient jdbc;

	WaitingRoomRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Where the user stands with the meeting's admission.
	 */
	public Admission admission(UUID meetingId, UUID userId) {
		return this.jdbc.sql("""
				SELECT CASE WHEN status IN ('denied', 'removed') THEN upper(status)
					WHEN admitted_at IS NOT NULL THEN 'ADMITTED' ELSE 'WAITING' END
				FROM participants WHERE meeting_id = :meeting AND user_id = :user
				""")
			.param("meeting", meetingId)
			.param("user", userId)
			.query(String.class)
			.optional()
			.map(Admission::valueOf)
			.orElse(Admission.NONE);
	}

	/**
	 * Records that the user asks to join: a waiting row, or a fresh request time on an
	 * existing one. Changes nothing for anyone already admitted, denied or removed.
	 * @return whether the user asks for the first time
	 */
	public boolean knock(UUID meetingId, UUID userId, boolean muted, boolean videoOn, Instant now) {
		return this.jdbc.sql("""
				INSERT INTO participants (id, meeting_id, user_id, role, status, requested_at, is_muted, is_video_on,
					created_at, updated_at)
				VALUES (:id, :meeting, :user, 'guest', 'waiting', :now, :muted, :videoOn, :now, :now)
				ON CONFLICT (meeting_id, user_id) DO UPDATE SET requested_at = excluded.requested_at,
					updated_at = excluded.updated_at
				WHERE participants.status = 'waiting' AND participants.admitted_at IS NULL
				RETURNING xmax = 0
				""")
			.param("id", UUID.randomUUID())
			.param("meeting", meetingId)
			.param("user", userId)
			.param("muted", muted)
			.param("videoOn", videoOn)
			.param("now", Timestamp.from(now))
			.query(Boolean.class)
			.optional()
			.orElse(false);
	}

	/**
	 * Admits the user (asked or not, or denied before), who may then join directly.
	 * @return whether anything changed: false for someone already admitted or removed
	 */
	public boolean admit(UUID meetingId, UUID userId, boolean muted, boolean videoOn, Instant now) {
		return this.jdbc.sql("""
				INSERT INTO participants (id, meeting_id, user_id, role, status, admitted_at, is_muted, is_video_on,
					created_at, updated_at)
				VALUES (:id, :meeting, :user, 'guest', 'waiting', :now, :muted, :videoOn, :now, :now)
				ON CONFLICT (meeting_id, user_id) DO UPDATE SET status = 'waiting',
					admitted_at = excluded.admitted_at, updated_at = excluded.updated_at
				WHERE participants.status IN ('waiting', 'denied') AND participants.admitted_at IS NULL
				""")
			.param("id", UUID.randomUUID())
			.param("meeting", meetingId)
			.param("user", userId)
			.param("muted", muted)
			.param("videoOn", videoOn)
			.param("now", Timestamp.from(now))
			.update() > 0;
	}

	/**
	 * Denies a user who has not joined yet (waiting, admitted but not yet in, or never
	 * asked).
	 * @return whether anything changed: false for someone already denied, or who has
	 * joined or been removed
	 */
	public boolean deny(UUID meetingId, UUID userId, boolean muted, boolean videoOn, Instant now) {
		return this.jdbc.sql("""
				INSERT INTO participants (id, meeting_id, user_id, role, status, is_muted, is_video_on, created_at,
					updated_at)
				VALUES (:id, :meeting, :user, 'guest', 'denied', :muted, :videoOn, :now, :now)
				ON CONFLICT (meeting_id, user_id) DO UPDATE SET status = 'denied', admitted_at = NULL,
					updated_at = excluded.updated_at
				WHERE participants.status = 'waiting' AND participants.joined_at IS NULL
				""")
			.param("id", UUID.randomUUID())
			.param("meeting", meetingId)
			.param("user", userId)
			.param("muted", muted)
			.param("videoOn", videoOn)
			.param("now", Timestamp.from(now))
			.update() > 0;
	}

	/** Who is waiting to be admitted, longest waiting first. */
	public List<ParticipantResponse> waiting(UUID meetingId) {
		return this.jdbc.sql(ParticipantRepository.SELECT + """
				 WHERE p.meeting_id = :meeting AND p.status = 'waiting' AND p.admitted_at IS NULL
				ORDER BY p.requested_at NULLS LAST, p.created_at, p.id
				""").param("meeting", meetingId).query(ParticipantRepository::map).list();
	}

}
