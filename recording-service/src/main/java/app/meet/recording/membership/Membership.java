package app.meet.recording.membership;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;

import app.meet.platform.ids.TimeOrderedIds;
import app.meet.recording.config.RecordingProperties;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Who is in which meeting: recording-service's read model of {@code meeting.events}. A
 * user who has just joined may ask before their join has arrived here, so a check that
 * would refuse first waits a moment ({@code meet.recording.membership-wait}) for the
 * news.
 */
@Component
public class Membership {

	/** How long after a meeting was made the news of it may still be on its way. */
	private static final Duration NEWS_WINDOW = Duration.ofMinutes(1);

	/**
	 * The first wait between looks; each next one is twice as long, up to the longest.
	 */
	private static final Duration FIRST_POLL_INTERVAL = Duration.ofMillis(20);

	private static final Duration LONGEST_POLL_INTERVAL = Duration.ofMillis(320);

	private final JdbcClient jdbc;

	private final Duration wait;

	Membership(JdbcClient jdbc, RecordingProperties properties) {
		this.jdbc = jdbc;
		this.wait = properties.membershipWait();
	}

	/**
	 * The meeting; only one whose id says it was made in the last minute may still be on
	 * its way, and is waited for.
	 * @throws MeetingNotFoundException for a meeting recording-service has not heard of
	 */
	public MeetingView requireMeeting(UUID meetingId) {
		Optional<MeetingView> known = meeting(meetingId);
		if (known.isPresent()) {
			return known.get();
		}
		if (!TimeOrderedIds.isRecent(meetingId, NEWS_WINDOW, Clock.systemUTC())) {
			throw new MeetingNotFoundException();
		}
		return awaitPresent(() -> meeting(meetingId)).orElseThrow(MeetingNotFoundException::new);
	}

	/** The user's standing, once it satisfies {@code condition}, if it does in time. */
	public Optional<MemberView> awaitMember(UUID meetingId, UUID userId, Predicate<MemberView> condition) {
		return awaitPresent(() -> member(meetingId, userId).filter(condition));
	}

	/**
	 * The user as a current or past participant (not removed or denied), who may watch
	 * the meeting's recordings.
	 * @throws NotAParticipantException for anyone else
	 */
	public MemberView requireParticipant(UUID meetingId, UUID userId) {
		return awaitMember(meetingId, userId, MemberView::everJoined).filter(MemberView::mayRead)
			.orElseThrow(() -> new NotAParticipantException("Only participants of this meeting can do this"));
	}

	public Optional<MeetingView> meeting(UUID meetingId) {
		return this.jdbc.sql("SELECT id, host_id, status, recording_enabled FROM meetings WHERE id = :id")
			.param("id", meetingId)
			.query((row, index) -> new MeetingView(row.getObject("id", UUID.class),
					row.getObject("host_id", UUID.class), row.getString("status"), row.getBoolean("recording_enabled")))
			.optional();
	}

	public Optional<MemberView> member(UUID meetingId, UUID userId) {
		return this.jdbc
			.sql("SELECT role, status, first_joined_at FROM members WHERE meeting_id = :meeting AND user_id = :user")
			.param("meeting", meetingId)
			.param("user", userId)
			.query((row, index) -> new MemberView(meetingId, userId, row.getString("role"), row.getString("status"),
					row.getTimestamp("first_joined_at") != null))
			.optional();
	}

	/** Records what a meeting event says of the meeting; older news never wins. */
	public void applyMeeting(MeetingView meeting, Instant asOf) {
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
			.param("recordingEnabled", meeting.recordingEnabled())
			.param("asOf", Timestamp.from(asOf))
			.update();
	}

	/**
	 * Makes sure the meeting a participant event names is known, should its own events
	 * not have arrived.
	 */
	public void ensureMeeting(UUID meetingId, Instant asOf) {
		this.jdbc.sql("""
				INSERT INTO meetings (id, status, updated_at) VALUES (:id, 'active', :asOf)
				ON CONFLICT (id) DO NOTHING
				""").param("id", meetingId).param("asOf", Timestamp.from(asOf)).update();
	}

	/** Records a participant's role and status as a meeting event tells them. */
	public void applyMember(UUID meetingId, UUID userId, String role, String status, Instant asOf) {
		this.jdbc.sql("""
				INSERT INTO members (meeting_id, user_id, role, status, first_joined_at, updated_at)
				VALUES (:meeting, :user, :role, :status, :joinedAt, :asOf)
				ON CONFLICT (meeting_id, user_id) DO UPDATE SET role = excluded.role, status = excluded.status,
					first_joined_at = coalesce(members.first_joined_at, excluded.first_joined_at),
					updated_at = excluded.updated_at
				""")
			.param("meeting", meetingId)
			.param("user", userId)
			.param("role", role)
			.param("status", status)
			.param("joinedAt", "active".equals(status) ? Timestamp.from(asOf) : null)
			.param("asOf", Timestamp.from(asOf))
			.update();
	}

	private <T> Optional<T> awaitPresent(Supplier<Optional<T>> lookup) {
		Instant deadline = Instant.now().plus(this.wait);
		Optional<T> found = lookup.get();
		Duration interval = FIRST_POLL_INTERVAL;
		while (found.isEmpty() && Instant.now().isBefore(deadline)) {
			try {
				Thread.sleep(interval);
				interval = (interval.compareTo(LONGEST_POLL_INTERVAL) < 0) ? interval.multipliedBy(2) : interval;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return Optional.empty();
			}
			found = lookup.get();
		}
		return found;
	}

}
