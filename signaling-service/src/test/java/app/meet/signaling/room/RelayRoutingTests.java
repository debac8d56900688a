package app.meet.signaling.room;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

import app.meet.signaling.config.SignalingProperties;
import app.meet.signaling.protocol.ClientMessage;
import app.meet.signaling.protocol.ServerFrames;
import app.meet.signaling.routing.Directory;
import app.meet.signaling.routing.NodeMessage;
import app.meet.signaling.routing.Peer;
import app.meet.signaling.routing.Router;

import org.springframework.scheduling.TaskScheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;

/**
 * Where an offer, answer or ICE candidate goes: to the recipient's admitted socket here,
 * else through the router to the instance holding the recipient's place, else nowhere
 * (the sender is told).
 */
class RelayRoutingTests {

	private static final String HERE = "signaling-a-1234";

	private static final String THERE = "signaling-b-5678";

	private final UUID meeting = UUID.randomUUID();

	private final Directory directory = mock(Directory.class);

	private final Router router = mock(Router.class);

	private final ScreenSharing screens = mock(ScreenSharing.class);

	private final LocalConnections local = new LocalConnections(new SimpleMeterRegistry());

	private final JsonMapper json = JsonMapper.builder()
		.propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
		.build();

	private final Signaling signaling;

	RelayRoutingTests() {
		given(this.router.node()).willReturn(HERE);
		given(this.router.isLocal(HERE)).willReturn(true);
		Deliveries deliveries = new Deliveries(this.directory, this.router, new ServerFrames(this.json));
		SignalingProperties properties = new SignalingProperties("signaling-a", SignalingProperties.Routing.REDIS, null,
				null, "a-secret-of-some-length", Duration.ofSeconds(1), Duration.ofSeconds(3), Duration.ofSeconds(60),
				Duration.ofSeconds(15), Duration.ofSeconds(5), 1048576, 50, 8, Duration.ofSeconds(30), null, null);
		this.signaling = new Signaling(this.local, this.directory, this.router, mock(Places.class),
				mock(WaitingRoom.class), this.screens, mock(ParticipantStates.class), deliveries,
				mock(TaskScheduler.class), properties, Clock.systemUTC());
	}

	@Test
	void toARecipientOnThisInstanceTheFrameGoesStraightToItsSocket() {
		TestSocket ann = admitted("ann");
		TestSocket bob = admitted("bob");

		this.signaling.received(ann.connection(), answer(bob));

		assertThat(bob.types()).containsExactly("answer");
		assertThat(bob.last().get("from").asString()).isEqualTo(ann.connection().userId().toString());
		assertThat(bob.last().get("meeting_id").asString()).isEqualTo(this.meeting.toString());
		assertThat(bob.last().get("data").get("sdp").asString()).isEqualTo("v=0");
		assertThat(ann.frames()).isEmpty();
		then(this.router).should(never()).send(anyString(), any());
	}

	@Test
	void toARecipientElsewhereTheFrameGoesToTheInstanceHoldingTheirPlace() {
		TestSocket ann = admitted("ann");
		UUID bob = UUID.randomUUID();
		UUID bobsSocket = UUID.randomUUID();
		given(this.directory.peer(this.meeting, bob))
			.willReturn(Optional.of(new Peer(bob, "bob", THERE, bobsSocket, false, 0)));

		this.signaling.received(ann.connection(), new ClientMessage.IceCandidate(bob, this.json.readTree("{}")));

		then(this.router).should()
			.send(THERE,
					new NodeMessage(NodeMessage.Kind.SEND, bobsSocket,
							"{\"type\":\"ice-candidate\",\"from\":\"" + ann.connection().userId() + "\",\"to\":\"" + bob
									+ "\",\"meeting_id\":\"" + this.meeting + "\",\"data\":{}}"));
		assertThat(ann.frames()).isEmpty();
	}

	@Test
	void aRecipientWithoutAPlaceOrOnlyAVacantOneGetsNothingAndTheSenderIsTold() {
		TestSocket ann = admitted("ann");
		UUID bob = UUID.randomUUID();
		UUID cy = UUID.randomUUID();
		given(this.directory.peer(this.meeting, cy))
			.willReturn(Optional.of(new Peer(cy, "cy", THERE, UUID.randomUUID(), false, 1_000)));

		this.signaling.received(ann.connection(), new ClientMessage.Answer(bob, this.json.readTree("{}")));
		this.signaling.received(ann.connection(), new ClientMessage.Answer(cy, this.json.readTree("{}")));

		assertThat(ann.types()).containsExactly("error", "error");
		assertThat(ann.last().get("data").get("message").asString())
			.isEqualTo("The recipient is not connected to this meeting");
		then(this.router).should(never()).send(anyString(), any());
	}

	@Test
	void aPendingSocketOnThisInstanceIsNotARecipient() {
		TestSocket ann = admitted("ann");
		TestSocket bob = TestSocket.open(this.meeting, UUID.randomUUID(), "bob", null);
		this.local.add(bob.connection());

		this.signaling.received(ann.connection(), answer(bob));

		assertThat(bob.frames()).isEmpty();
		assertThat(ann.types()).containsExactly("error");
	}

	@Test
	void onlyAnAdmittedSocketSignalsAndNeverToItself() {
		TestSocket pending = TestSocket.open(this.meeting, UUID.randomUUID(), "pat", null);
		this.local.add(pending.connection());
		TestSocket ann = admitted("ann");
		TestSocket bob = admitted("bob");

		this.signaling.received(pending.connection(), answer(bob));
		this.signaling.received(ann.connection(), answer(ann));

		assertThat(pending.last().get("data").get("message").asString())
			.isEqualTo("Only participants admitted to the meeting can signal");
		assertThat(ann.last().get("data").get("message").asString())
			.isEqualTo("A signaling message cannot be sent to yourself");
		assertThat(bob.frames()).isEmpty();
	}

	@Test
	void anOfferIsReadForAScreenShareBeforeItIsRelayed() {
		TestSocket ann = admitted("ann");
		TestSocket bob = admitted("bob");

		this.signaling.received(ann.connection(), new ClientMessage.Offer(bob.connection().userId(),
				this.json.readTree("{\"type\":\"offer\",\"sdp\":\"v=0\"}")));

		then(this.screens).should().inferFromOffer(ann.connection(), "v=0");
		assertThat(bob.types()).containsExactly("offer");
	}

	private TestSocket admitted(String username) {
		TestSocket socket = TestSocket.open(this.meeting, UUID.randomUUID(), username, null);
		this.local.add(socket.connection());
		socket.connection().admit();
		return socket;
	}

	private ClientMessage.Answer answer(TestSocket to) {
		return new ClientMessage.Answer(to.connection().userId(),
				this.json.readTree("{\"type\":\"answer\",\"sdp\":\"v=0\"}"));
	}

}
