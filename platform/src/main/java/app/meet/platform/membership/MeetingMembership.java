package app.meet.platform.membership;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;

import app.meet.events.meeting.Meeting;
import app.meet.events.meeting.Participant;
import app.meet.platform.ids.TimeOrderedIds;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Who is in which meeting: a service's read model of {@code meeting.events}, in its own
 * {@code meetings} and {@code members} tables. The members are the same for every
 * service; what a service keeps of a meeting ({@code M}) is its own. A user who has just
 * joined may ask before their join has arrived here, so a check that would refuse first
 * waits a moment for the news.
 *
 * @param <M> the service's view of a meeting
 */
public abstract class MeetingMembership<M> {

	/** How long after a meeting was made the news of it may still be on its way. */
	private static final Duration NEWS_WINDOW = Duration.ofMinutes(1);

	/**
	 * The first wait between looks; each next one is twice as long, up to the longest.
	 */
	private static final Duration FIRST_POLL_INTERVAL = Duration.ofMillis(20);

	private static final Duration LONGEST_POLL_INTERVAL = Duration.ofMillis(320);

	private final JdbcClient jdbc;

	private final Duration wait;

	/**
	 * @param wait how long a check that would refuse waits for news that may be on its
	 * way
	 */
	protected MeetingMembership(JdbcClient jdbc, Duration wait) {
		this.jdbc = jdbc;
		this.wait = wait;
	}

	/** The meeting as the service keeps it, if it has heard of it. */
	public abstract Optional<M> meeting(UUID meetingId);

	/** Records what a meeting event says of the meeting; older news never wins. */
	public abstract void applyMeeting(Meeting meeting, Instant asOf);

	/**
	 * The meeting; only one whose id says it was made in the last minute may still be on
	 * its way, and is waited for.
	 * @throws MeetingNotFoundException for a meeting the service has not heard of
	 */
	public M requireMeeting(UUID meetingId) {
		Optional<M> known = meeting(meetingId);
		if (known.isPresent()) {
			return known.get();
		}
		if (!TimeOrderedIds.isRecent(meetingId, NEWS_WINDOW, Clock.systemUTC())) {
			throw new MeetingNotFoundException();
		}
		return awaitPresent(() -> meeting(meetingId)).orElseThrow(MeetingNotFoundException::new);
	}

	/**
	 * The user as an active participant of the meeting.
	 * @throws NotAParticipantException for anyone else
	 */
	public MemberView requireActive(UUID meetingId, UUID userId) {
		return awaitMember(meetingId, userId, MemberView::active)
			.orElseThrow(() -> new NotAParticipantException("Only active participants can do this"));
	}

	/**
	 * The user as a current or past participant (not removed or denied), who may see what
	 * the meeting keeps.
	 * @throws NotAParticipantException for anyone else
	 */
	public MemberView requireParticipant(UUID meetingId, UUID userId) {
		return awaitMember(meetingId, userId, MemberView::everJoined).filter(MemberView::mayRead)
			.orElseThrow(() -> new NotAParticipantException("Only participants of this meeting can do this"));
	}

	/** The user's standing, once it satisfies {@code condition}, if it does in time. */
	public Optional<MemberView> awaitMember(UUID meetingId, UUID userId, Predicate<MemberView> condition) {
		return awaitPresent(() -> member(meetingId, userId).filter(condition));
	}

	public Optional<MemberView> member(UUID meetingId, UUID userId) {
		return this.jdbc
			.sql("SELECT role, status, first_joined_at FROM members WHERE meeting_id = :meeting AND user_id = :user")
			.param("meeting", meetingId)
			.param("user", userId)
			.query((row, index) -> new MemberView(meetingId, userId, MemberView.Role.of(row.getString("role")),
					MemberView.Status.of(row.getString("status")), row.getTimestamp("first_joined_at") != null))
			.optional();
	}

	/**
	 * Records a participant's role and status as a meeting event tells them, and the
	 * meeting they are in, should its own events not have arrived.
	 */
	public void applyParticipant(Participant participant, Instant asOf) {
		ensureMeeting(participant.meetingId(), asOf);
		applyMember(participant.meetingId(), participant.user().id(), participant.role(), participant.status(), asOf);
	}

	/**
	 * Makes sure the meeting is known, should its own events not have arrived (a
	 * participant's, a recording's came first).
	 */
	public void ensureMeeting(UUID meetingId, Instant asOf) {
		this.jdbc.sql("""
				INSERT INTO meetings (id, status, updated_at) VALUES (:id, 'active', :asOf)
				ON CONFLICT (id) DO NOTHING
				""").param("id", meetingId).param("asOf", Timestamp.from(asOf)).update();
	}

	/** Records a participant's role and status. */
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
