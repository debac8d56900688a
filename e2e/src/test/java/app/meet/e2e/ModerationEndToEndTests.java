package app.meet.e2e;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static app.meet.e2e.Gateway.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The host's and moderators' powers, the waiting room (over REST and through the internal
 * endpoints signaling-service uses), the empty timeout, and the events of one meeting.
 */
@Order(3)
class ModerationEndToEndTests {

	private static Gateway gateway;

	private static Gateway meetingService;

	private static Gateway authService;

	@BeforeAll
	static void stack() {
		gateway = new Gateway(RunningStack.get().gatewayUrl());
		meetingService = new Gateway(RunningStack.get().instanceUrl("meeting-service", 0));
		authService = new Gateway(RunningStack.get().instanceUrl("auth-service", 0));
	}

	@Test
	void onlyTheHostAndModeratorsMuteAndRemoveAndOnlyTheHostChangesRoles() {
		Room room = openRoom(3);
		String host = room.host().token();
		User moderator = room.guests().get(0);
		User guest = room.guests().get(1);
		User other = room.guests().get(2);
		String outsider = gateway.register().get("access_token").asString();

		assertProblem(post(room, guest.id(), "mute", guest.token()), 403, "not-moderator");
		assertProblem(post(room, other.id(), "remove", guest.token()), 403, "not-moderator");
		assertProblem(put(room, moderator.id(), "moderator", guest.token()), 403, "not-host");
		assertProblem(post(room, guest.id(), "mute", outsider), 404, "meeting-not-found");

		HttpResponse<String> promoted = put(room, moderator.id(), "moderator", host);
		assertThat(promoted.statusCode()).isEqualTo(200);
		assertThat(Gateway.json(promoted).get("role").asString()).isEqualTo("moderator");
		assertProblem(put(room, guest.id(), "moderator", moderator.token()), 403, "not-host");
		assertProblem(put(room, room.host().id(), "guest", host), 409, "participant-is-host");
		assertProblem(put(room, guest.id(), "owner", host), 400, "validation-failed");

		HttpResponse<String> muted = post(room, guest.id(), "mute", moderator.token());
		assertThat(muted.statusCode()).isEqualTo(200);
		assertThat(Gateway.json(muted).get("is_muted").asBoolean()).isTrue();
		assertProblem(post(room, room.host().id(), "remove", moderator.token()), 403, "cannot-remove-host");
		assertProblem(post(room, UUID.randomUUID().toString(), "mute", host), 404, "participant-not-found");
		assertProblem(post(room, "not-a-uuid", "mute", host), 400, null);

		HttpResponse<String> removed = post(room, guest.id(), "remove", moderator.token());
		assertThat(removed.statusCode()).isEqualTo(200);
		assertThat(Gateway.json(removed).get("status").asString()).isEqualTo("removed");
		assertProblem(gateway.post("/api/meetings/join", guest.token(), Map.of("code", room.code())), 403, "removed");
		assertThat(statuses(room, host)).containsEntry(guest.id(), "removed");

		put(room, other.id(), "moderator", host);
		assertProblem(post(room, other.id(), "remove", moderator.token()), 403, "not-host");
		assertThat(post(room, other.id(), "remove", host).statusCode()).isEqualTo(200);
	}

	@Test
	void theWaitingRoomAdmitsOrDeniesOverRestAndAdmittedUsersReturnWithoutAsking() {
		Room room = openRoom(0, true);
		User asking = newUser();
		User turnedAway = newUser();
		User moderator = newUser();

		assertProblem(gateway.post("/api/meetings/join", asking.token(), Map.of("code", room.code())), 403,
				"not-admitted");
		assertThat(gateway.get("/api/meetings/" + room.id(), asking.token()).statusCode())
			.as("asking to join does not let one see the meeting")
			.isEqualTo(404);
		assertThat(statuses(room, room.host().token())).containsEntry(asking.id(), "waiting");
		assertProblem(post(room, turnedAway.id(), "admit", asking.token()), 404, "meeting-not-found");

		HttpResponse<String> admitted = post(room, asking.id(), "admit", room.host().token());
		assertThat(admitted.statusCode()).isEqualTo(200);
		HttpResponse<String> joined = gateway.post("/api/meetings/join", asking.token(), Map.of("code", room.code()));
		assertThat(joined.statusCode()).isEqualTo(200);
		assertThat(Gateway.json(joined).get("status").asString()).isEqualTo("active");
		assertProblem(post(room, asking.id(), "deny", room.host().token()), 409, "already-joined");

		gateway.post("/api/meetings/" + room.id() + "/leave", asking.token(), Map.of());
		assertThat(gateway.post("/api/meetings/join", asking.token(), Map.of("code", room.code())).statusCode())
			.as("a returning user joins without asking")
			.isEqualTo(200);

		assertProblem(gateway.post("/api/meetings/join", turnedAway.token(), Map.of("code", room.code())), 403,
				"not-admitted");
		assertThat(post(room, turnedAway.id(), "deny", room.host().token()).statusCode()).isEqualTo(200);
		assertProblem(gateway.post("/api/meetings/join", turnedAway.token(), Map.of("code", room.code())), 403,
				"denied");

		admitAndJoin(room, moderator);
		put(room, moderator.id(), "moderator", room.host().token());
		User lateComer = newUser();
		assertProblem(gateway.post("/api/meetings/join", lateComer.token(), Map.of("code", room.code())), 403,
				"not-admitted");
		assertThat(post(room, lateComer.id(), "admit", moderator.token()).statusCode()).as("a moderator admits too")
			.isEqualTo(200);
		assertThat(gateway.post("/api/meetings/join", lateComer.token(), Map.of("code", room.code())).statusCode())
			.isEqualTo(200);
		assertProblem(post(room, room.host().id(), "deny", moderator.token()), 403, "cannot-deny-host");
		assertProblem(post(room, lateComer.id(), "admit", asking.token()), 403, "not-moderator");
	}

	@Test
	void signalingAdmitsOverTheInternalEndpointsWithAServiceTokenAndTheUserJoinsAtOnce() {
		Room room = openRoom(0, true);
		User guest = newUser();
		String path = "/internal/meetings/" + room.id() + "/admissions/" + guest.id();

		assertThat(gateway.get(path, guest.token()).statusCode()).as("the gateway does not route internal paths")
			.isEqualTo(404);
		assertThat(meetingService.get(path, guest.token()).statusCode()).as("a user token is not enough")
			.isEqualTo(403);
		assertThat(meetingService.get(path, null).statusCode()).isEqualTo(401);
		assertThat(serviceToken("signaling-service", "wrong").statusCode()).isEqualTo(401);
		String service = Gateway.json(serviceToken("signaling-service", "signaling-service-dev-secret"))
			.get("access_token")
			.asString();
		assertThat(meetingService.get("/api/meetings/" + room.id(), service).statusCode())
			.as("a service token opens no user endpoint")
			.isEqualTo(403);

		JsonNode before = Gateway.json(meetingService.get(path, service));
		assertThat(before.get("admission").asString()).isEqualTo("none");
		assertThat(before.get("may_join").asBoolean()).isFalse();
		assertThat(before.get("refusal").asString()).isEqualTo("not-admitted");
		JsonNode hostView = Gateway
			.json(meetingService.get("/internal/meetings/" + room.id() + "/admissions/" + room.host().id(), service));
		assertThat(hostView.get("is_host").asBoolean()).isTrue();
		assertThat(hostView.get("may_moderate").asBoolean()).isTrue();

		HttpResponse<String> knock = meetingService.post(path + "/knock", service,
				Map.of("username", "knocker", "name", "Knocking Guest"));
		assertThat(knock.statusCode()).isEqualTo(200);
		assertThat(Gateway.json(knock).get("admission").asString()).isEqualTo("waiting");
		JsonNode waiting = Gateway
			.json(meetingService.get("/internal/meetings/" + room.id() + "/admissions?state=waiting", service));
		assertThat(waiting).hasSize(1);
		assertThat(waiting.get(0).get("user").get("id").asString()).isEqualTo(guest.id());
		assertThat(meetingService.post(path + "/knock", service, Map.of()).statusCode()).isEqualTo(400);

		assertProblem(meetingService.post(path + "/admit", service, Map.of("by", guest.id())), 404,
				"meeting-not-found");
		HttpResponse<String> admitted = meetingService.post(path + "/admit", service, Map.of("by", room.host().id()));
		assertThat(admitted.statusCode()).isEqualTo(200);
		assertThat(Gateway.json(admitted).get("admission").asString()).isEqualTo("admitted");
		assertThat(Gateway.json(admitted).get("may_join").asBoolean()).isTrue();
		assertThat(gateway.post("/api/meetings/join", guest.token(), Map.of("code", room.code())).statusCode())
			.isEqualTo(200);

		HttpResponse<String> state = meetingService.send(meetingService
			.request("/internal/meetings/" + room.id() + "/participants/" + guest.id() + "/state", service)
			.header("Content-Type", "application/json")
			.method("PATCH", HttpRequest.BodyPublishers.ofString("{\"is_video_on\":false,\"is_sharing\":true}"))
			.build());
		assertThat(state.statusCode()).isEqualTo(200);
		assertThat(Gateway.json(state).get("is_sharing").asBoolean()).isTrue();
		assertThat(meetingService
			.post("/internal/meetings/" + room.id() + "/participants/" + guest.id() + "/leave", service, Map.of())
			.statusCode()).isEqualTo(200);
		assertThat(statuses(room, room.host().token())).containsEntry(guest.id(), "left");
	}

	@Test
	void theOwnHostComingBackTakesTheHostRoleBackFromTheStandIn() {
		Room room = openRoom(2);
		gateway.post("/api/meetings/" + room.id() + "/leave", room.host().token(), Map.of());
		assertThat(roles(room, room.guests().get(0).token())).containsEntry(room.guests().get(0).id(), "host");
		gateway.post("/api/meetings/join", room.host().token(), Map.of("code", room.code()));
		Map<String, String> roles = roles(room, room.host().token());
		assertThat(roles).containsEntry(room.host().id(), "host")
			.containsEntry(room.guests().get(0).id(), "moderator")
			.containsEntry(room.guests().get(1).id(), "guest");
	}

	@Test
	void aMeetingEndsAfterItsEmptyTimeoutUnlessSomeoneJoinsFirst() throws InterruptedException {
		Room quick = openRoom(0, false, 1);
		Room patient = openRoom(0, false, 8);
		gateway.post("/api/meetings/" + quick.id() + "/leave", quick.host().token(), Map.of());
		gateway.post("/api/meetings/" + patient.id() + "/leave", patient.host().token(), Map.of());
		gateway.post("/api/meetings/join", patient.host().token(), Map.of("code", patient.code()));

		Instant deadline = Instant.now().plusSeconds(30);
		while (!status(quick).equals("ended")) {
			assertThat(Instant.now()).as("the empty meeting ended").isBefore(deadline);
			Thread.sleep(250);
		}
		Thread.sleep(Duration.ofSeconds(12));
		assertThat(status(patient)).as("someone came back before the timeout").isEqualTo("active");
	}

	@Test
	void whenTheHostLeavesWhileOthersJoinExactlyOneHostRemains() throws Exception {
		Room room = openRoom(3);
		List<User> joiners = new ArrayList<>();
		for (int i = 0; i < 12; i++) {
			joiners.add(newUser());
		}
		ExecutorService pool = Executors.newFixedThreadPool(joiners.size() + 1);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<HttpResponse<String>>> calls = new ArrayList<>();
			calls.add(pool.submit(() -> {
				start.await();
				return gateway.post("/api/meetings/" + room.id() + "/leave", room.host().token(), Map.of());
			}));
			for (User joiner : joiners) {
				calls.add(pool.submit(() -> {
					start.await();
					return gateway.post("/api/meetings/join", joiner.token(), Map.of("code", room.code()));
				}));
			}
			start.countDown();
			for (Future<HttpResponse<String>> call : calls) {
				assertThat(call.get().statusCode()).isEqualTo(200);
			}
		}
		finally {
			pool.shutdownNow();
		}
		Map<String, String> roles = roles(room, room.guests().get(0).token());
		assertThat(roles).hasSize(3 + joiners.size()).doesNotContainKey(room.host().id());
		assertThat(roles.values()).filteredOn("host"::equals).hasSize(1);
		assertThat(roles).containsEntry(room.guests().get(0).id(), "host");
	}

	@Test
	void theEventsOfOneMeetingArriveInOrderWithCloudEventsHeaders() {
		try (KafkaConsumer<String, String> consumer = Topics.subscribe("meeting.events")) {
			Room room = openRoom(1);
			User guest = room.guests().get(0);
			post(room, guest.id(), "mute", room.host().token());
			post(room, guest.id(), "remove", room.host().token());
			gateway.post("/api/meetings/" + room.id() + "/end", room.host().token(), Map.of());

			List<ConsumerRecord<String, String>> events = new ArrayList<>();
			Instant deadline = Instant.now().plusSeconds(60);
			while (events.size() < 8) {
				assertThat(Instant.now()).as("all events of the meeting arrived").isBefore(deadline);
				for (ConsumerRecord<String, String> event : consumer.poll(Duration.ofMillis(500))) {
					if (room.id().equals(event.key())) {
						events.add(event);
					}
				}
			}
			assertThat(events).extracting((event) -> Topics.header(event, "ce_type"))
				.containsExactly("meet.meeting.created", "meet.meeting.started", "meet.participant.joined",
						"meet.participant.joined", "meet.participant.updated", "meet.participant.removed",
						"meet.meeting.ended", "meet.participant.left");
			for (ConsumerRecord<String, String> event : events) {
				assertThat(Topics.header(event, "ce_specversion")).isEqualTo("1.0");
				assertThat(Topics.header(event, "ce_source")).isEqualTo("meeting-service");
				assertThat(Topics.header(event, "ce_subject")).isEqualTo(room.id());
				assertThat(Topics.header(event, "ce_id")).isNotBlank();
				assertThat(Topics.header(event, "content-type")).isEqualTo("application/json");
			}
			assertThat(events.stream().map((event) -> Topics.header(event, "ce_id")).distinct()).hasSize(events.size());
			JsonNode removed = Gateway.JSON.readTree(events.get(5).value());
			assertThat(removed.get("meeting_id").asString()).isEqualTo(room.id());
			assertThat(removed.get("participant").get("user").get("id").asString()).isEqualTo(guest.id());
			assertThat(removed.get("participant").get("status").asString()).isEqualTo("removed");
			assertThat(Gateway.JSON.readTree(events.get(6).value()).get("meeting").get("status").asString())
				.isEqualTo("ended");
			assertThat(
					Gateway.JSON.readTree(events.getLast().value()).get("participant").get("user").get("id").asString())
				.isEqualTo(room.host().id());
		}
	}

	private record User(String id, String token) {
	}

	private record Room(String id, String code, User host, List<User> guests, boolean waitingRoom) {
	}

	private static User newUser() {
		JsonNode registered = gateway.register();
		return new User(registered.get("user").get("id").asString(), registered.get("access_token").asString());
	}

	/** An active meeting with its host and the given number of guests in it. */
	private static Room openRoom(int guests) {
		return openRoom(guests, false);
	}

	private static Room openRoom(int guests, boolean waitingRoom) {
		return openRoom(guests, waitingRoom, 300);
	}

	private static Room openRoom(int guests, boolean waitingRoom, int emptyTimeoutSeconds) {
		User host = newUser();
		JsonNode meeting = Gateway.json(gateway.post("/api/meetings", host.token(), Map.of("title", "Room", "settings",
				Map.of("waiting_room_enabled", waitingRoom, "empty_timeout_seconds", emptyTimeoutSeconds))));
		Room room = new Room(meeting.get("id").asString(), meeting.get("code").asString(), host, new ArrayList<>(),
				waitingRoom);
		assertThat(gateway.post("/api/meetings/join", host.token(), Map.of("code", room.code())).statusCode())
			.isEqualTo(200);
		for (int i = 0; i < guests; i++) {
			User guest = newUser();
			admitAndJoin(room, guest);
			room.guests().add(guest);
		}
		return room;
	}

	/** Joins, first asking and being admitted by the host if the waiting room is on. */
	private static void admitAndJoin(Room room, User user) {
		if (room.waitingRoom()) {
			assertProblem(gateway.post("/api/meetings/join", user.token(), Map.of("code", room.code())), 403,
					"not-admitted");
			assertThat(post(room, user.id(), "admit", room.host().token()).statusCode()).isEqualTo(200);
		}
		assertThat(gateway.post("/api/meetings/join", user.token(), Map.of("code", room.code())).statusCode())
			.isEqualTo(200);
	}

	private static HttpResponse<String> post(Room room, String userId, String action, String token) {
		return gateway.post("/api/meetings/" + room.id() + "/participants/" + userId + "/" + action, token, Map.of());
	}

	private static HttpResponse<String> put(Room room, String userId, String role, String token) {
		return gateway.send(gateway.request("/api/meetings/" + room.id() + "/participants/" + userId + "/role", token)
			.header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString(Gateway.JSON.writeValueAsString(Map.of("role", role))))
			.build());
	}

	private static HttpResponse<String> serviceToken(String client, String secret) {
		String basic = Base64.getEncoder().encodeToString((client + ":" + secret).getBytes(StandardCharsets.UTF_8));
		return authService.send(authService.request("/oauth2/token", null)
			.header("Authorization", "Basic " + basic)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
			.build());
	}

	private static String status(Room room) {
		return Gateway.json(gateway.get("/api/meetings/" + room.id(), room.host().token())).get("status").asString();
	}

	/** Every participant's status, by user id. */
	private static Map<String, String> statuses(Room room, String token) {
		return byUser(gateway.get("/api/meetings/" + room.id() + "/participants?include=left", token), "status");
	}

	/** Every active participant's role, by user id. */
	private static Map<String, String> roles(Room room, String token) {
		return byUser(gateway.get("/api/meetings/" + room.id() + "/participants", token), "role");
	}

	private static Map<String, String> byUser(HttpResponse<String> response, String field) {
		assertThat(response.statusCode()).isEqualTo(200);
		Map<String, String> values = new java.util.HashMap<>();
		Gateway.json(response)
			.forEach((participant) -> values.put(participant.get("user").get("id").asString(),
					participant.get(field).asString()));
		return values;
	}

}
