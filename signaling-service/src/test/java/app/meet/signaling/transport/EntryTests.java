package app.meet.signaling.transport;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import app.meet.signaling.meeting.MeetingClient;
import app.meet.signaling.meeting.MeetingServiceUnavailableException;
import app.meet.signaling.meeting.Standing;
import app.meet.signaling.room.Connection;

import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.jwt.Jwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;

/**
 * Who may open a socket, checked once, at the upgrade: every refusal has its status and
 * code, and whoever is let through starts with the standing and the name their token
 * gives.
 */
class EntryTests {

	private final UUID meeting = UUID.randomUUID();

	private final UUID user = UUID.randomUUID();

	private final MeetingClient meetings = mock(MeetingClient.class);

	private final Entry entry = new Entry(this.meetings);

	@Test
	void aMissingOrMalformedMeetingIdIsRefusedBeforeMeetingsIsAsked() {
		assertRefused(null, HttpStatus.BAD_REQUEST, "validation-failed");
		assertRefused(" ", HttpStatus.BAD_REQUEST, "validation-failed");
		assertRefused("not-a-meeting", HttpStatus.BAD_REQUEST, "validation-failed");
		verifyNoInteractions(this.meetings);
	}

	@Test
	void anUnknownMeetingIsNotFoundAndUnreachableMeetingsAreUnavailable() {
		given(this.meetings.standing(this.meeting, this.user)).willReturn(Optional.empty())
			.willThrow(MeetingServiceUnavailableException.class);

		assertRefused(this.meeting.toString(), HttpStatus.NOT_FOUND, "meeting-not-found");
		assertRefused(this.meeting.toString(), HttpStatus.SERVICE_UNAVAILABLE, "service-unavailable");
	}

	@Test
	void theRemovedTheDeniedAndEveryoneOnceItEndedAreShutOut() {
		for (String refusal : new String[] { "removed", "denied", "meeting-ended" }) {
			given(this.meetings.standing(this.meeting, this.user)).willReturn(Optional.of(standing(refusal)));
			assertRefused(this.meeting.toString(), HttpStatus.FORBIDDEN, refusal);
		}
	}

	@Test
	void aGuestWhoMustStillWaitIsLetThroughWithTheirStandingAndTheirTokensName() {
		Standing waiting = standing("not-admitted");
		given(this.meetings.standing(this.meeting, this.user)).willReturn(Optional.of(waiting));

		Entry.Admitted admitted = this.entry.check(token("ann", null), this.meeting.toString().toUpperCase());

		assertThat(admitted.meetingId()).isEqualTo(this.meeting);
		assertThat(admitted.standing()).isSameAs(waiting);
		assertThat(admitted.user()).isEqualTo(new Connection.User(this.user, "ann", "ann", "ann@example.com"));
	}

	private void assertRefused(String meetingId, HttpStatus status, String code) {
		assertThatExceptionOfType(EntryRefusedException.class)
			.isThrownBy(() -> this.entry.check(token("ann", "Ann"), meetingId))
			.satisfies((refused) -> {
				assertThat(refused.status()).isEqualTo(status);
				assertThat(refused.code()).isEqualTo(code);
			});
	}

	private Standing standing(String refusal) {
		return new Standing(this.meeting, this.user, UUID.randomUUID(),
				"meeting-ended".equals(refusal) ? "ended" : "active", "none", false, false, refusal == null, refusal);
	}

	private Jwt token(String username, String name) {
		Jwt.Builder token = Jwt.withTokenValue("token")
			.header("alg", "ES256")
			.subject(this.user.toString())
			.claim("username", username)
			.claim("email", username + "@example.com")
			.issuedAt(Instant.now())
			.expiresAt(Instant.now().plusSeconds(900));
		return ((name != null) ? token.claim("name", name) : token).build();
	}

}
