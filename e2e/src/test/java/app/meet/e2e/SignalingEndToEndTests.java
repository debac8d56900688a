package app.meet.e2e;

import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * signaling-service as the frontend speaks to it (docs/signaling.md): through the
 * gateway, the approval flow, relay, the newcomer offering, silent take-over, and two
 * users on two different instances.
 */
@Order(5)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SignalingEndToEndTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	/** Longer than the delay before a newcomer is told whom to offer to. */
	private static final Duration QUIET = Duration.ofMillis(2500);

	private static Gateway gateway;

	/** A meeting whose ghosts the last test looks for, while the others run meanwhile. */
	private static Room haunted;

	private static User silentGuest;

	private static User connectedGuest;

	private static SignalSocket connectedSocket;

	@BeforeAll
	static void stack() throws Exception {
		gateway = new Gateway(RunningStack.get().gatewayUrl());
		haunted = openRoom(false);
		silentGuest = newUser();
		join(haunted, silentGuest);
		connectedGuest = newUser();
		connectedSocket = SignalSocket.open(gateway.baseUrl(), haunted.id(), connectedGuest.token());
		connectedSocket.send(Map.of("type", "join-request", "data", Map.of("host_user_id", haunted.host().id())));
		connectedSocket.await("join-approved", WAIT);
		join(haunted, connectedGuest);
		try (SignalSocket host = SignalSocket.open(gateway.baseUrl(), haunted.id(), haunted.host().token())) {
			host.send(Map.of("type", "host-join", "data", Map.of()));
			host.await("peer-joined", WAIT);
		}
	}

	@AfterAll
	static void closeSockets() {
		if (connectedSocket != null) {
			connectedSocket.close();
		}
	}

	@Test
	void theUpgradeIsRefusedWithAStatusForBadTokensUnknownMeetingsAndRemovedUsers() throws Exception {
		Room room = openRoom(false);
		User removed = newUser();
		join(room, removed);
		assertThat(gateway
			.post("/api/meetings/" + room.id() + "/participants/" + removed.id() + "/remove", room.host().token(),
					Map.of())
			.statusCode()).isEqualTo(200);

		assertThat(refusal(room.id(), "not-a-token")).isEqualTo(401);
		assertThat(refusal(UUID.randomUUID().toString(), room.host().token())).isEqualTo(404);
		assertThat(refusal("not-a-uuid", room.host().token())).isEqualTo(400);
		assertThat(refusal("1-2-3-4-5", room.host().token())).as("only a UUID's canonical form").isEqualTo(400);
		assertThat(refusal(room.id(), removed.token())).isEqualTo(403);
		HttpResponse<String> check = gateway.get("/ws?meeting_id=" + UUID.randomUUID(), room.host().token());
		assertThat(check.statusCode()).isEqualTo(404);
		assertThat(check.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(Gateway.json(check).get("code").asString()).isEqualTo("meeting-not-found");
	}

	@Test
	void theHostApprovesAGuestWhoThenJoinsAndOffersAndTheyExchangeSignals() throws Exception {
		Room room = openRoom(true);
		User guest = newUser();
		try (SignalSocket host = SignalSocket.open(gateway.baseUrl(), room.id(), room.host().token());
				SignalSocket guestSocket = SignalSocket.open(gateway.baseUrl(), room.id(), guest.token())) {
			host.send(Map.of("type", "host-join", "data", Map.of()));
			guestSocket.send(Map.of("type", "join-request", "data",
					Map.of("host_user_id", room.host().id(), "email", "the-ceo@example.com" + "x".repeat(5000))));

			assertThat(guestSocket.await("join-request-pending", WAIT).get("data").get("message").asString())
				.isEqualTo("Waiting for host approval");
			JsonNode knock = host.await("pending-join-request", WAIT);
			assertThat(knock.get("from").asString()).isEqualTo(guest.id());
			assertThat(knock.get("data").get("user_id").asString()).isEqualTo(guest.id());
			assertThat(knock.get("data").get("username").asString()).isNotBlank();
			assertThat(knock.get("data").get("email").asString())
				.as("the email of the guest's account, never theirs to say")
				.isEqualTo(Gateway.json(gateway.get("/api/auth/me", guest.token())).get("email").asString());
			for (int again = 0; again < 3; again++) {
				guestSocket.send(Map.of("type", "join-request", "data", Map.of("host_user_id", room.host().id())));
				guestSocket.await("join-request-pending", WAIT);
			}
			assertThat(host.collect("pending-join-request", QUIET)).as("the host hears of a guest once").isEmpty();
			assertThat(knock.get("data").get("timestamp").asLong()).isBetween(System.currentTimeMillis() / 1000 - 60,
					System.currentTimeMillis() / 1000 + 60);
			assertThat(gateway.post("/api/meetings/join", guest.token(), Map.of("code", room.code())).statusCode())
				.isEqualTo(403);

			guestSocket.send(Map.of("type", "approve-join-request", "data", Map.of("user_id", guest.id())));
			assertThat(guestSocket.await("error", WAIT).get("data").get("message").asString()).isNotBlank();
			host.send(Map.of("type", "approve-join-request", "data", Map.of("user_id", guest.id())));
			assertThat(guestSocket.await("join-approved", WAIT).get("to").asString()).isEqualTo(guest.id());
			join(room, guest);

			JsonNode peerJoined = guestSocket.await("peer-joined", WAIT);
			assertThat(peerJoined.get("from").asString()).isEqualTo(room.host().id());
			assertThat(peerJoined.get("data").get("user_id").asString()).isEqualTo(room.host().id());
			assertThat(host.collect("peer-joined", QUIET)).as("only the newcomer offers").isEmpty();

			guestSocket.send(Map.of("type", "offer", "to", room.host().id(), "from", room.host().id(), "data",
					Map.of("type", "offer", "sdp", "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\n")));
			JsonNode offer = host.await("offer", WAIT);
			assertThat(offer.get("from").asString()).as("from is the sender, whatever it claims").isEqualTo(guest.id());
			assertThat(offer.get("to").asString()).isEqualTo(room.host().id());
			assertThat(offer.get("meeting_id").asString()).isEqualTo(room.id());
			assertThat(offer.get("data").get("sdp").asString()).isEqualTo("v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\n");

			host.send(Map.of("type", "answer", "to", guest.id(), "data", Map.of("type", "answer", "sdp", "v=0")));
			assertThat(guestSocket.await("answer", WAIT).get("from").asString()).isEqualTo(room.host().id());
			for (int i = 0; i < 5; i++) {
				host.send(Map.of("type", "ice-candidate", "to", guest.id(), "data",
						Map.of("candidate", "candidate:" + i, "sdpMid", "0", "sdpMLineIndex", 0)));
			}
			for (int i = 0; i < 5; i++) {
				assertThat(guestSocket.await("ice-candidate", WAIT).get("data").get("candidate").asString())
					.as("in the order sent")
					.isEqualTo("candidate:" + i);
			}

			guestSocket
				.send(Map.of("type", "media-state-changed", "data", Map.of("is_muted", true, "is_video_on", false)));
			JsonNode media = host.await("media-state-changed", WAIT);
			assertThat(media.get("from").asString()).isEqualTo(guest.id());
			assertThat(media.get("data").get("is_muted").asBoolean()).isTrue();
			assertThat(participant(room, guest).get("is_muted").asBoolean()).isTrue();
			assertThat(participant(room, guest).get("is_video_on").asBoolean()).isFalse();

			guestSocket.send(Map.of("type", "ping"));
			assertThat(guestSocket.await("pong", WAIT)).isNotNull();
		}
	}

	@Test
	void pendingSocketsCannotSignalAndNothingCrossesMeetingsOrReturnsToItsSender() throws Exception {
		Room room = openRoom(true);
		Room other = openRoom(false);
		User guest = newUser();
		try (SignalSocket host = SignalSocket.open(gateway.baseUrl(), room.id(), room.host().token());
				SignalSocket waiting = SignalSocket.open(gateway.baseUrl(), room.id(), guest.token());
				SignalSocket elsewhere = SignalSocket.open(gateway.baseUrl(), other.id(), other.host().token())) {
			host.send(Map.of("type", "host-join", "data", Map.of()));
			elsewhere.send(Map.of("type", "host-join", "data", Map.of()));
			waiting.send(Map.of("type", "join-request", "data", Map.of("host_user_id", room.host().id())));
			waiting.await("join-request-pending", WAIT);

			waiting.send(Map.of("type", "offer", "to", room.host().id(), "data", Map.of("sdp", "x")));
			elsewhere.send(Map.of("type", "offer", "to", room.host().id(), "data", Map.of("sdp", "y")));
			elsewhere
				.send(Map.of("type", "media-state-changed", "data", Map.of("is_muted", true, "is_video_on", true)));
			assertThat(host.collect("offer", QUIET)).isEmpty();
			assertThat(host.collect("media-state-changed", Duration.ZERO)).isEmpty();
			assertThat(waiting.await("error", WAIT).get("data").get("message").asString()).contains("admitted");
			assertThat(elsewhere.await("error", WAIT).get("data").get("message").asString())
				.contains("not connected to this meeting");

			host.send(Map.of("type", "offer", "to", room.host().id(), "data", Map.of("sdp", "z")));
			assertThat(host.await("error", WAIT).get("data").get("message").asString()).contains("yourself");
			assertThat(host.collect("offer", Duration.ZERO)).isEmpty();
		}
	}

	@Test
	void withoutAWaitingRoomAJoinRequestIsApprovedAtOnceAndLeavingClosesTheSocket() throws Exception {
		Room room = openRoom(false);
		User guest = newUser();
		try (SignalSocket host = SignalSocket.open(gateway.baseUrl(), room.id(), room.host().token());
				SignalSocket guestSocket = SignalSocket.open(gateway.baseUrl(), room.id(), guest.token())) {
			host.send(Map.of("type", "host-join", "data", Map.of()));
			// the host is in first, so the guest is the newcomer who offers
			host.send(Map.of("type", "ping"));
			host.await("pong", WAIT);
			guestSocket.send(Map.of("type", "join-request", "data", Map.of("host_user_id", room.host().id())));
			guestSocket.await("join-approved", WAIT);
			join(room, guest);
			guestSocket.await("peer-joined", WAIT);

			assertThat(gateway.post("/api/meetings/" + room.id() + "/leave", guest.token(), Map.of()).statusCode())
				.isEqualTo(200);
			assertThat(guestSocket.awaitClose(WAIT)).isEqualTo(1000);
			JsonNode left = host.await("peer-left", WAIT);
			assertThat(left.get("data").get("user_id").asString()).isEqualTo(guest.id());
		}
	}

	@Test
	void aUserMayHoldOnlySoManySocketsOnAnInstance() throws Exception {
		Room room = openRoom(false);
		String instance = RunningStack.get().instanceUrl("signaling-service", 0);
		List<SignalSocket> open = new ArrayList<>();
		try {
			for (int socket = 0; socket < RunningStack.MAX_SOCKETS_PER_USER; socket++) {
				open.add(SignalSocket.open(instance, room.id(), room.host().token(), true));
			}
			assertThatExceptionOfType(WebSocketHandshakeException.class)
				.isThrownBy(() -> SignalSocket.open(instance, room.id(), room.host().token(), true).close())
				.satisfies((refused) -> assertThat(refused.getResponse().statusCode()).isEqualTo(429));

			open.removeFirst().close();
			await().atMost(WAIT)
				.ignoreExceptions()
				.untilAsserted(() -> open.add(SignalSocket.open(instance, room.id(), room.host().token(), true)));
		}
		finally {
			open.forEach(SignalSocket::close);
		}
	}

	@Test
	void aSocketThatNeitherHostJoinsNorAsksToJoinIsClosedAfterTheJoinTimeout() throws Exception {
		Room room = openRoom(false);
		try (SignalSocket idle = SignalSocket.open(gateway.baseUrl(), room.id(), room.host().token());
				SignalSocket joined = SignalSocket.open(gateway.baseUrl(), room.id(), room.host().token())) {
			joined.send(Map.of("type", "host-join", "data", Map.of()));
			assertThat(idle.awaitClose(RunningStack.SIGNALING_JOIN_TIMEOUT.plus(WAIT))).isEqualTo(1008);
			joined.send(Map.of("type", "ping", "data", Map.of()));
			assertThat(joined.await("pong", WAIT)).as("a joined socket stays").isNotNull();
		}
	}

	@Test
	void aNewSocketOfTheSameUserTakesOverSilently() throws Exception {
		Room room = openRoom(false);
		User guest = newUser();
		try (SignalSocket host = SignalSocket.open(gateway.baseUrl(), room.id(), room.host().token())) {
			host.send(Map.of("type", "host-join", "data", Map.of()));
			SignalSocket first = SignalSocket.open(gateway.baseUrl(), room.id(), guest.token());
			first.send(Map.of("type", "join-request", "data", Map.of("host_user_id", room.host().id())));
			first.await("join-approved", WAIT);
			join(room, guest);

			try (SignalSocket second = SignalSocket.open(gateway.baseUrl(), room.id(), guest.token())) {
				first.close();
				assertThat(host.collect("peer-left", Duration.ofSeconds(4))).as("a take-over is silent").isEmpty();
				second.send(Map.of("type", "offer", "to", room.host().id(), "data", Map.of("sdp", "after the swap")));
				assertThat(host.await("offer", WAIT).get("data").get("sdp").asString()).isEqualTo("after the swap");

				second.send(Map.of("type", "join-request", "data", Map.of("host_user_id", room.host().id())));
				assertThat(host.await("peer-left", WAIT).get("from").asString()).as("a new announce is a restart")
					.isEqualTo(guest.id());
				second.await("join-approved", WAIT);
			}
			assertThat(host.await("peer-left", WAIT).get("from").asString()).as("gone once the grace is over")
				.isEqualTo(guest.id());
		}
	}

	@Test
	void usersOnDifferentInstancesSignalAsOnOne() throws Exception {
		Room room = openRoom(false);
		User guest = newUser();
		String first = RunningStack.get().instanceUrl("signaling-service", 0);
		String second = RunningStack.get().instanceUrl("signaling-service", 1);
		try (SignalSocket host = SignalSocket.open(first, room.id(), room.host().token(), true);
				SignalSocket guestSocket = SignalSocket.open(second, room.id(), guest.token(), true)) {
			host.send(Map.of("type", "host-join", "data", Map.of()));
			// the host is in first, so the guest is the newcomer who offers
			host.send(Map.of("type", "ping"));
			host.await("pong", WAIT);
			guestSocket.send(Map.of("type", "join-request", "data", Map.of("host_user_id", room.host().id())));
			guestSocket.await("join-approved", WAIT);
			join(room, guest);
			assertThat(guestSocket.await("peer-joined", WAIT).get("from").asString()).isEqualTo(room.host().id());

			guestSocket.send(Map.of("type", "offer", "to", room.host().id(), "data", Map.of("sdp", "across")));
			assertThat(host.await("offer", WAIT).get("from").asString()).isEqualTo(guest.id());
			for (int i = 0; i < 10; i++) {
				host.send(Map.of("type", "ice-candidate", "to", guest.id(), "data", Map.of("candidate", "c" + i)));
			}
			for (int i = 0; i < 10; i++) {
				assertThat(guestSocket.await("ice-candidate", WAIT).get("data").get("candidate").asString())
					.isEqualTo("c" + i);
			}
			host.send(Map.of("type", "media-state-changed", "data", Map.of("is_muted", false, "is_video_on", false)));
			assertThat(guestSocket.await("media-state-changed", WAIT).get("from").asString())
				.isEqualTo(room.host().id());
		}
	}

	@Test
	void largeFramesPassAndAFloodIsAnsweredWithErrorsWhileTheSocketStaysOpen() throws Exception {
		Room room = openRoom(false);
		User guest = newUser();
		try (SignalSocket host = SignalSocket.open(gateway.baseUrl(), room.id(), room.host().token());
				SignalSocket guestSocket = SignalSocket.open(gateway.baseUrl(), room.id(), guest.token())) {
			host.send(Map.of("type", "host-join", "data", Map.of()));
			guestSocket.send(Map.of("type", "join-request", "data", Map.of("host_user_id", room.host().id())));
			guestSocket.await("join-approved", WAIT);
			String sdp = "a=candidate:" + "x".repeat(512 * 1024);
			guestSocket.send(Map.of("type", "offer", "to", room.host().id(), "data", Map.of("sdp", sdp)));
			assertThat(host.await("offer", WAIT).get("data").get("sdp").asString()).isEqualTo(sdp);

			Thread.sleep(1000);
			for (int i = 0; i < 80; i++) {
				guestSocket.send(Map.of("type", "ping"));
			}
			List<JsonNode> pongs = guestSocket.collect("pong", QUIET);
			List<JsonNode> errors = guestSocket.collect("error", Duration.ZERO);
			assertThat(pongs.size() + errors.size()).isEqualTo(80);
			assertThat(errors).isNotEmpty();
			assertThat(pongs.size()).isBetween(50, 79);
			guestSocket.send(Map.of("type", "ping"));
			assertThat(guestSocket.await("pong", WAIT)).isNotNull();
		}
	}

	@Test
	void anOfferCarryingAScreenIsAnnouncedAsAScreenShareAndLateJoinersGetItsOffer() throws Exception {
		Room room = openRoom(false);
		User guest = newUser();
		User late = newUser();
		String camera = "v=0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=msid:cam mic\r\n"
				+ "m=video 9 UDP/TLS/RTP/SAVPF 96\r\na=msid:cam video\r\n";
		String screen = camera + "m=video 9 UDP/TLS/RTP/SAVPF 96\r\na=msid:screen display\r\n";
		try (SignalSocket host = SignalSocket.open(gateway.baseUrl(), room.id(), room.host().token());
				SignalSocket sharer = SignalSocket.open(gateway.baseUrl(), room.id(), guest.token())) {
			host.send(Map.of("type", "host-join", "data", Map.of()));
			// the host is in first, so the sharer is the newcomer who offers
			host.send(Map.of("type", "ping"));
			host.await("pong", WAIT);
			sharer.send(Map.of("type", "join-request", "data", Map.of()));
			sharer.await("join-approved", WAIT);
			join(room, guest);
			sharer.await("peer-joined", WAIT);

			sharer
				.send(Map.of("type", "offer", "to", room.host().id(), "data", Map.of("type", "offer", "sdp", screen)));
			JsonNode started = host.await("screen-share-started", WAIT);
			assertThat(started.get("data").get("user_id").asString()).isEqualTo(guest.id());
			assertThat(started.get("data").get("username").asString()).isNotBlank();
			host.await("offer", WAIT);
			assertThat(participant(room, guest).get("is_sharing").asBoolean()).isTrue();

			try (SignalSocket latecomer = SignalSocket.open(gateway.baseUrl(), room.id(), late.token())) {
				latecomer.send(Map.of("type", "join-request", "data", Map.of()));
				latecomer.await("join-approved", WAIT);
				assertThat(latecomer.await("screen-share-started", WAIT).get("data").get("user_id").asString())
					.isEqualTo(guest.id());
				assertThat(sharer.await("peer-joined", WAIT).get("data").get("user_id").asString())
					.as("the sharer offers to the newcomer, so its offer carries the screen")
					.isEqualTo(late.id());
				List<JsonNode> toldToOffer = latecomer.collect("peer-joined", QUIET);
				assertThat(toldToOffer).extracting((message) -> message.get("data").get("user_id").asString())
					.containsExactly(room.host().id());
			}

			sharer
				.send(Map.of("type", "offer", "to", room.host().id(), "data", Map.of("type", "offer", "sdp", camera)));
			assertThat(host.await("screen-share-stopped", WAIT).get("data").get("user_id").asString())
				.isEqualTo(guest.id());
			assertThat(participant(room, guest).get("is_sharing").asBoolean()).isFalse();
		}
	}

	@Test
	void aDecisionHeardTwiceIsToldOnce() throws Exception {
		Room room = openRoom(true);
		User guest = newUser();
		try (KafkaConsumer<String, String> events = Topics.subscribe("meeting.events");
				SignalSocket host = SignalSocket.open(gateway.baseUrl(), room.id(), room.host().token());
				SignalSocket guestSocket = SignalSocket.open(gateway.baseUrl(), room.id(), guest.token())) {
			host.send(Map.of("type", "host-join", "data", Map.of()));
			guestSocket.send(Map.of("type", "join-request", "data", Map.of("host_user_id", room.host().id())));
			guestSocket.await("join-request-pending", WAIT);
			assertThat(gateway
				.post("/api/meetings/" + room.id() + "/participants/" + guest.id() + "/deny", room.host().token(),
						Map.of())
				.statusCode()).isEqualTo(200);
			guestSocket.await("join-rejected", WAIT);
			ConsumerRecord<String, String> decision = null;
			long deadline = System.nanoTime() + WAIT.toNanos();
			while (decision == null && System.nanoTime() < deadline) {
				for (ConsumerRecord<String, String> record : events.poll(Duration.ofMillis(200))) {
					if (room.id().equals(record.key())
							&& Topics.header(record, "ce_type").equals("meet.participant.updated")
							&& Gateway.JSON.readTree(record.value()).path("admission").asString().equals("denied")) {
						decision = record;
					}
				}
			}
			assertThat(decision).as("the decision as meeting-service published it").isNotNull();

			Topics.publishAgain(decision);

			assertThat(guestSocket.collect("join-rejected", QUIET)).as("a redelivered decision is not told twice")
				.isEmpty();
		}
	}

	@Test
	void theMeetingsEndClosesEverySocket() throws Exception {
		Room room = openRoom(false);
		try (SignalSocket host = SignalSocket.open(gateway.baseUrl(), room.id(), room.host().token())) {
			host.send(Map.of("type", "host-join", "data", Map.of()));
			host.send(Map.of("type", "ping"));
			host.await("pong", WAIT);
			assertThat(gateway.post("/api/meetings/" + room.id() + "/end", room.host().token(), Map.of()).statusCode())
				.isEqualTo(200);
			assertThat(host.awaitClose(WAIT)).isEqualTo(1000);
		}
		assertThat(refusal(room.id(), room.host().token())).isEqualTo(403);
	}

	@Test
	void iceServersAreHandedToSignedInUsers() {
		User user = newUser();
		HttpResponse<String> response = gateway.get("/api/rtc/ice-servers", user.token());
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode servers = Gateway.json(response);
		assertThat(servers.get("ice_servers").get(0).get("urls").get(0).asString()).startsWith("stun:");
		assertThat(servers.get("ttl_seconds").asLong()).isPositive();
		assertThat(gateway.get("/api/rtc/ice-servers", null).statusCode()).isEqualTo(401);
	}

	/**
	 * Runs last, so that the minute passes while the other tests run: a participant who
	 * never opened a socket and a host whose socket closed are marked as left once they
	 * have had no socket for a minute; a participant whose socket stays open is not.
	 */
	@Test
	@Order(Integer.MAX_VALUE)
	void participantsWithoutASocketForAMinuteAreMarkedAsLeft() throws Exception {
		long deadline = System.nanoTime() + Duration.ofSeconds(150).toNanos();
		Map<String, JsonNode> participants = everyone(haunted);
		while (!left(participants, silentGuest) || !left(participants, haunted.host())) {
			assertThat(System.nanoTime()).as("ghosts still present: %s", participants).isLessThan(deadline);
			Thread.sleep(1000);
			participants = everyone(haunted);
		}
		JsonNode silent = participants.get(silentGuest.id());
		Duration haunting = Duration.between(java.time.Instant.parse(silent.get("joined_at").asString()),
				java.time.Instant.parse(silent.get("left_at").asString()));
		assertThat(haunting).isBetween(Duration.ofSeconds(60), Duration.ofSeconds(80));
		assertThat(participants.get(connectedGuest.id()).get("status").asString()).isEqualTo("active");
	}

	private static Map<String, JsonNode> everyone(Room room) {
		Map<String, JsonNode> byUser = new HashMap<>();
		Gateway.json(gateway.get("/api/meetings/" + room.id() + "/participants?include=left", connectedGuest.token()))
			.forEach((participant) -> byUser.put(participant.get("user").get("id").asString(), participant));
		return byUser;
	}

	private static boolean left(Map<String, JsonNode> participants, User user) {
		JsonNode participant = participants.get(user.id());
		return participant != null && participant.get("status").asString().equals("left");
	}

	private static int refusal(String meetingId, String token) {
		try (SignalSocket socket = SignalSocket.open(gateway.baseUrl(), meetingId, token)) {
			throw new AssertionError("The upgrade was accepted");
		}
		catch (WebSocketHandshakeException ex) {
			return ex.getResponse().statusCode();
		}
	}

	private static JsonNode participant(Room room, User user) {
		JsonNode participants = Gateway.json(gateway.get("/api/meetings/" + room.id() + "/participants", user.token()));
		return participants.valueStream()
			.filter((each) -> each.get("user").get("id").asString().equals(user.id()))
			.findFirst()
			.orElseThrow();
	}

	private record User(String id, String token) {
	}

	private record Room(String id, String code, User host) {
	}

	private static User newUser() {
		JsonNode registered = gateway.register();
		return new User(registered.get("user").get("id").asString(), registered.get("access_token").asString());
	}

	/** An active meeting with its host in it. */
	private static Room openRoom(boolean waitingRoom) {
		User host = newUser();
		Map<String, Object> settings = new HashMap<>();
		settings.put("waiting_room_enabled", waitingRoom);
		JsonNode meeting = Gateway
			.json(gateway.post("/api/meetings", host.token(), Map.of("title", "Signaling", "settings", settings)));
		Room room = new Room(meeting.get("id").asString(), meeting.get("code").asString(), host);
		join(room, host);
		return room;
	}

	private static void join(Room room, User user) {
		HttpResponse<String> joined = gateway.post("/api/meetings/join", user.token(), Map.of("code", room.code()));
		assertThat(joined.statusCode()).as(joined.body()).isEqualTo(200);
	}

}
