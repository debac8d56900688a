package app.meet.signaling.room;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

import app.meet.signaling.meeting.MeetingClient;
import app.meet.signaling.meeting.Standing;
import app.meet.signaling.protocol.ServerFrames;
import app.meet.signaling.routing.Directory;
import app.meet.signaling.routing.Knock;
import app.meet.signaling.routing.NodeMessage;
import app.meet.signaling.routing.Peer;
import app.meet.signaling.routing.Router;
import app.meet.signaling.routing.Socket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.BDDMockito.willAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;

/** Who gets in, and who hears of a knock. */
class WaitingRoomTests {

	private static final Instant NOW = Instant.parse("2026-12-08T10:00:00Z");

	private final UUID meeting = UUID.randomUUID();

	private final UUID host = UUID.randomUUID();

	private final MeetingClient meetings = mock(MeetingClient.class);

	private final Directory directory = mock(Directory.class);

	private final Router router = mock(Router.class);

	private final Places places = mock(Places.class);

	private final JsonMapper json = JsonMapper.builder()
		.propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
		.build();

	private final WaitingRoom waitingRoom = new WaitingRoom(this.meetings, this.directory, this.places,
			new Deliveries(this.directory, this.router, new ServerFrames(this.json)), Clock.fixed(NOW, ZoneOffset.UTC));

	@Test
	void theHostEntersOnTheStandingCheckedWhenTheSocketOpenedAndHearsOfEveryoneWaiting() {
		TestSocket host = TestSocket.open(this.meeting, this.host, "hal", standing(this.host, true, true, null));
		UUID guest = UUID.randomUUID();
		given(this.meetings.waiting(this.meeting))
			.willReturn(List.of(this.json.readTree("{\"user\":{\"id\":\"" + guest + "\",\"username\":\"gus\"}}")));
		given(this.directory.knock(this.meeting, guest))
			.willReturn(Optional.of(new Knock(guest, "gus", "gus@example.com", NOW.minusSeconds(5))));

		this.waitingRoom.hostJoin(host.connection());

		then(this.places).should().admit(host.connection(), true);
		then(this.meetings).should(never()).standing(any(), any());
		assertThat(host.types()).containsExactly("pending-join-request");
		assertThat(host.last().get("data").get("email").asString()).isEqualTo("gus@example.com");
		assertThat(host.last().get("data").get("timestamp").asLong()).isEqualTo(NOW.getEpochSecond() - 5);
	}

	@Test
	void onlyTheHostMayHostJoin() {
		UUID guest = UUID.randomUUID();
		TestSocket socket = TestSocket.open(this.meeting, guest, "gus", standing(guest, false, true, null));

		this.waitingRoom.hostJoin(socket.connection());

		assertThat(socket.types()).containsExactly("error");
		then(this.places).should(never()).admit(any(), anyBoolean());
	}

	@Test
	void aGuestWhoMustWaitIsToldSoAndTheDecidersHearOfTheFirstKnockOnly() {
		UUID guest = UUID.randomUUID();
		UUID hostSocket = UUID.randomUUID();
		UUID moderator = UUID.randomUUID();
		UUID moderatorSocket = UUID.randomUUID();
		TestSocket socket = TestSocket.open(this.meeting, guest, "gus", standing(guest, false, false, null));
		given(this.meetings.knock(this.meeting, guest, "gus", "gus"))
			.willReturn(standing(guest, false, false, "not-admitted"));
		given(this.directory.rememberKnock(any(), any())).willReturn(true, false);
		given(this.directory.socket(this.meeting, this.host)).willReturn(Optional.of(new Socket("b", hostSocket)));
		given(this.directory.peers(this.meeting))
			.willReturn(List.of(new Peer(this.host, "hal", "b", hostSocket, true, 0),
					new Peer(moderator, "mo", "c", moderatorSocket, true, 0),
					new Peer(UUID.randomUUID(), "pat", "c", UUID.randomUUID(), false, 0)));

		this.waitingRoom.joinRequest(socket.connection());
		this.waitingRoom.joinRequest(socket.connection());

		assertThat(socket.types()).containsExactly("join-request-pending", "join-request-pending");
		then(this.router).should(times(1))
			.send(eq("b"),
					argThat((NodeMessage message) -> message.connection().equals(hostSocket)
							&& message.kind() == NodeMessage.Kind.SEND_ONCE
							&& message.frame().contains("\"pending-join-request\"")));
		then(this.router).should(times(1))
			.send(eq("c"), argThat((NodeMessage message) -> message.connection().equals(moderatorSocket)));
		then(this.router).should(times(2)).send(anyString(), any());
		then(this.places).should(never()).admit(any(), anyBoolean());
	}

	@Test
	void aGuestLetStraightInIsApprovedAndAdmittedWithTheirRights() {
		UUID cohost = UUID.randomUUID();
		TestSocket socket = TestSocket.open(this.meeting, cohost, "co", standing(cohost, false, true, null));
		given(this.meetings.knock(this.meeting, cohost, "co", "co")).willReturn(standing(cohost, false, true, null));

		this.waitingRoom.joinRequest(socket.connection());

		assertThat(socket.types()).containsExactly("join-approved");
		then(this.places).should().admit(socket.connection(), true);
		then(this.directory).should().forgetKnock(this.meeting, cohost);
	}

	@Test
	void aGuestShutOutIsRejectedAndNotAdmitted() {
		UUID guest = UUID.randomUUID();
		TestSocket socket = TestSocket.open(this.meeting, guest, "gus", standing(guest, false, false, null));
		given(this.meetings.knock(this.meeting, guest, "gus", "gus"))
			.willReturn(standing(guest, false, false, "denied"));

		this.waitingRoom.joinRequest(socket.connection());

		assertThat(socket.types()).containsExactly("join-rejected");
		then(this.places).should(never()).admit(any(), anyBoolean());
	}

	@Test
	void aDecisionHeardTwiceActsOnce() {
		willAnswer((call) -> {
			call.<Connection>getArgument(0).admit();
			return null;
		}).given(this.places).admit(any(), anyBoolean());
		UUID guest = UUID.randomUUID();
		TestSocket admitted = TestSocket.open(this.meeting, guest, "gus", standing(guest, false, false, null));
		admitted.connection().knock();
		UUID other = UUID.randomUUID();
		TestSocket refused = TestSocket.open(this.meeting, other, "oz", standing(other, false, false, null));
		refused.connection().knock();

		this.waitingRoom.decided(this.meeting, guest, true, List.of(admitted.connection()));
		this.waitingRoom.admitted(admitted.connection());
		this.waitingRoom.decided(this.meeting, other, false, List.of(refused.connection()));
		this.waitingRoom.rejected(refused.connection());

		assertThat(admitted.types()).containsExactly("join-approved");
		then(this.places).should(times(1)).admit(admitted.connection(), false);
		assertThat(refused.types()).containsExactly("join-rejected");
		then(this.directory).should().forgetKnock(this.meeting, other);
	}

	@Test
	void aSocketThatNeverKnockedIsNotLetIn() {
		UUID guest = UUID.randomUUID();
		TestSocket socket = TestSocket.open(this.meeting, guest, "gus", standing(guest, false, false, null));

		this.waitingRoom.admitted(socket.connection());

		assertThat(socket.frames()).isEmpty();
		then(this.places).should(never()).admit(any(), anyBoolean());
	}

	private Standing standing(UUID user, boolean isHost, boolean mayModerate, String refusal) {
		return new Standing(this.meeting, user, this.host, "active", "none", isHost, mayModerate, refusal == null,
				refusal);
	}

}
