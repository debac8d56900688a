package app.meet.recording.membership;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import app.meet.events.meeting.Meeting;
import app.meet.platform.membership.MeetingMembership;
import app.meet.recording.config.RecordingProperties;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Who is in which meeting, and whether it allows recording: recording-service's read
 * model of {@code meeting.events}. A check that would refuse first waits
 * {@code meet.recording.membership-wait} for news on its way.
 */
@Component
public class Membership extends MeetingMembership<MeetingView> {

	private final JdbcClient jdbc;

	Membership(JdbcClient jdbc, RecordingProperties properties) {
		super(jdbc, properties.membershipWait());
		this.jdbc = jdbc;
	}

	@Override
	public Optional<MeetingView> meeting(UUID meetingId) {
		return this.jdbc.sql("SELECT id, host_id, status, recording_enabled FROM meetings WHERE id = :id")
			.param("id", meetingId)
			.query((row, index) -> new MeetingView(row.getObject("id", UUID.class),
					row.getObject("host_id", UUID.class), row.getString("status"), row.getBoolean("recording_enabled")))
			.optional();
	}

	@Override
	public void applyMeeting(Meeting meeting, Instant asOf) {
		this.jdbc.sql("""
				INSERT INTO meetings (id, host_id, status, recording_enabled, updated_at)
				VALUES (:id, :host, :status, :recordingEnabled, :asOf)
				ON CONFLICT (id) DO UPDATE SET host_id = excluded.host_id, status = excluded.status,
					recording_enabled = excluded.recording_enabled, updated_at = excluded.updated_at
				WHERE meetings.updated_at <= excluded.updated_at
				""")
			.param("id", meeting.id())
			.param("host", meeting.hostId())
			.param("status", meeting.status())
			.param("recordingEnabled", meeting.settings().recordingEnabled())
			.param("asOf", Timestamp.from(asOf))
			.update();
	}

}
