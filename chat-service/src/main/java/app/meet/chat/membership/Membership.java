package app.meet.chat.membership;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import app.meet.chat.config.ChatProperties;
import app.meet.events.meeting.Meeting;
import app.meet.platform.membership.MeetingMembership;
import app.meet.platform.membership.MemberView;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Who is in which meeting, and whether it allows chat: chat-service's read model of
 * {@code meeting.events}. A check that would refuse first waits
 * {@code meet.chat.membership-wait} for news on its way.
 */
@Component
public class Membership extends MeetingMembership<MeetingView> {

	private final JdbcClient jdbc;

	Membership(JdbcClient jdbc, ChatProperties properties) {
		super(jdbc, properties.membershipWait());
		this.jdbc = jdbc;
	}

	/**
	 * The user as a current or past participant (not removed or denied), who may read the
	 * history and download attachments.
	 * @throws app.meet.platform.membership.MeetingNotFoundException for an unknown
	 * meeting
	 * @throws app.meet.platform.membership.NotAParticipantException for anyone else
	 */
	@Override
	public MemberView requireParticipant(UUID meetingId, UUID userId) {
		requireMeeting(meetingId);
		return super.requireParticipant(meetingId, userId);
	}

	@Override
	public Optional<MeetingView> meeting(UUID meetingId) {
		return this.jdbc.sql("SELECT id, host_id, status, allow_chat FROM meetings WHERE id = :id")
			.param("id", meetingId)
			.query((row, index) -> new MeetingView(row.getObject("id", UUID.class),
					row.getObject("host_id", UUID.class), row.getString("status"), row.getBoolean("allow_chat")))
			.optional();
	}

	@Override
	public void applyMeeting(Meeting meeting, Instant asOf) {
		this.jdbc.sql("""
				INSERT INTO meetings (id, host_id, status, allow_chat, ended_at, updated_at)
				VALUES (:id, :host, :status, :allowChat, :endedAt, :asOf)
				ON CONFLICT (id) DO UPDATE SET host_id = excluded.host_id, status = excluded.status,
					allow_chat = excluded.allow_chat, ended_at = excluded.ended_at, updated_at = excluded.updated_at
				WHERE meetings.updated_at <= excluded.updated_at
				""")
			.param("id", meeting.id())
			.param("host", meeting.hostId())
			.param("status", meeting.status())
			.param("allowChat", meeting.settings().allowChat())
			.param("endedAt", (meeting.endedAt() != null) ? Timestamp.from(meeting.endedAt()) : null)
			.param("asOf", Timestamp.from(asOf))
			.update();
	}

}
