package app.meet.recording.membership;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import app.meet.devstack.test.EmbeddedInfrastructure;
import app.meet.events.User;
import app.meet.events.meeting.Meeting;
import app.meet.events.meeting.MeetingSettings;
import app.meet.events.meeting.Participant;
import app.meet.platform.ids.TimeOrderedIds;
import app.meet.platform.membership.MeetingNotFoundException;
import app.meet.platform.membership.MemberView;
import app.meet.platform.membership.NotAParticipantException;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The membership read model on the real database: what {@code meeting.events} tell it, in
 * whatever order they come, and who it lets see a meeting's recordings.
 */
@SpringBootTest(properties = "meet.recording.membership-wait=1s")
@EmbeddedInfrastructure
class MembershipIntegrationTests {

	@Autowired
	private Membership membership;

	@Test
	void olderNewsOfAMeetingNeverOverwritesNewer() {
		UUID meetingId = UUID.randomUUID();
		Instant now = Instant.now();
		this.membership.applyMeeting(meeting(meetingId, "ended", false), now);
		this.membership.applyMeeting(meeting(meetingId, "active", true), now.minusSeconds(5));

		assertThat(this.membership.meeting(meetingId)).hasValueSatisfying((meeting) -> {
			assertThat(meeting.active()).isFalse();
			assertThat(meeting.recordingEnabled()).isFalse();
		});
	}

	@Test
	void aParticipantHeardOfBeforeTheirMeetingMakesItKnownAndWhoJoinedOnceMayWatchUntilRemoved() {
		UUID meetingId = UUID.randomUUID();
		UUID userId = UUID.randomUUID();
		Instant now = Instant.now();

		this.membership.applyParticipant(participant(meetingId, userId, "guest", "active"), now);
		assertThat(this.membership.meeting(meetingId)).isPresent();
		this.membership.applyParticipant(participant(meetingId, userId, "guest", "left"), now.plusSeconds(1));
		assertThat(this.membership.requireParticipant(meetingId, userId).everJoined()).isTrue();

		this.membership.applyParticipant(participant(meetingId, userId, "guest", "removed"), now.plusSeconds(2));
		assertThatExceptionOfType(NotAParticipantException.class)
			.isThrownBy(() -> this.membership.requireParticipant(meetingId, userId));
	}

	@Test
	void someoneWhoOnlyWaitedIsNoParticipantAndOnlyAnActiveHostOrModeratorModerates() {
		UUID meetingId = UUID.randomUUID();
		UUID waiting = UUID.randomUUID();
		UUID moderator = UUID.randomUUID();
		Instant now = Instant.now();
		this.membership.applyParticipant(participant(meetingId, waiting, "guest", "waiting"), now);
		this.membership.applyParticipant(participant(meetingId, moderator, "moderator", "active"), now);

		assertThatExceptionOfType(NotAParticipantException.class)
			.isThrownBy(() -> this.membership.requireParticipant(meetingId, waiting));
		assertThat(this.membership.awaitMember(meetingId, moderator, MemberView::activeModerator)).isPresent();
		assertThat(this.membership.awaitMember(meetingId, waiting, MemberView::activeModerator)).isEmpty();
	}

	@Test
	void anUnknownMeetingMadeLongAgoIsRefusedAtOnceAndARecentOneIsWaitedFor() throws Exception {
		long started = System.nanoTime();
		assertThatExceptionOfType(MeetingNotFoundException.class)
			.isThrownBy(() -> this.membership.requireMeeting(UUID.randomUUID()));
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(500));

		UUID recent = TimeOrderedIds.newId(Clock.systemUTC());
		CompletableFuture<MeetingView> waiting = CompletableFuture
			.supplyAsync(() -> this.membership.requireMeeting(recent));
		Thread.sleep(200);
		this.membership.applyMeeting(meeting(recent, "active", true), Instant.now());
		assertThat(waiting.get(5, TimeUnit.SECONDS).id()).isEqualTo(recent);
	}

	private static Meeting meeting(UUID id, String status, boolean recordingEnabled) {
		Instant now = Instant.now();
		UUID hostId = UUID.randomUUID();
		return new Meeting(id, "abc-defg-hij", "Membership", "", hostId, new User(hostId, "host", "Host", "", now),
				status, null, now, null, 10, false, null, 1,
				new MeetingSettings(true, true, false, true, false, recordingEnabled, 300), now, now);
	}

	private static Participant participant(UUID meetingId, UUID userId, String role, String status) {
		return new Participant(UUID.randomUUID(), meetingId, new User(userId, "someone", "Someone", "", null), role,
				status, null, null, false, true, false, false);
	}

}
