package app.meet.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

import app.meet.devstack.PostgresServer;
import app.meet.devstack.Stack;
import app.meet.e2e.Rooms.Room;
import app.meet.e2e.Rooms.User;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Faults injected into the running stack under traffic: Redis and PostgreSQL restarted,
 * Kafka away for a minute, one service's database refusing it, service instances killed
 * outright. Each case counts what the fault cost (requests failed, events delayed, lost
 * or applied twice, seconds to recover) and asserts the promises: every answer within 5
 * s, 503 problem+json at worst, recovery within 10 s of the server coming back, nothing
 * lost, nothing twice. The table is printed at the end and written to
 * {@code target/fault-report.md}.
 */
@Order(9)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultEndToEndTests {

	private static final Duration ANSWER_WITHIN = Duration.ofSeconds(5);

	/**
	 * While instances start again after a crash: a freshly started JVM answers its first
	 * requests slowly, the more so when five start at once on two cores.
	 */
	private static final Duration ANSWER_WITHIN_WHILE_RESTARTING = Duration.ofSeconds(20);

	private static final Duration RECOVER_WITHIN = Duration.ofSeconds(10);

	/** An event arriving later than this after the write that caused it was delayed. */
	private static final Duration DELAYED_AFTER = Duration.ofSeconds(2);

	/** The consumers' {@code session.timeout.ms}. */
	private static final Duration SESSION_TIMEOUT = Duration.ofSeconds(10);

	private static final Duration PAUSE = Duration.ofMillis(500);

	private static Stack stack;

	private static Gateway gateway;

	private static Rooms rooms;

	@BeforeAll
	static void stack() {
		stack = RunningStack.get();
		gateway = new Gateway(stack.gatewayUrl());
		rooms = new Rooms(gateway);
	}

	@AfterAll
	static void report() {
		FaultReport.write();
	}

	/**
	 * Each fault starts on a stack recovered from the one before: every signaling
	 * instance admits sockets again. An outage of meeting-service or its database opens
	 * signaling's breaker, which refuses entry (503 with Retry-After, as a client is told
	 * to retry) until a few seconds after the outage ends: a refused upgrade is waited
	 * out like a client's retry, not taken for the next fault's failure.
	 */
	@BeforeEach
	void signalingAdmitsAgain() {
		Room room = rooms.open(0, Map.of());
		await().atMost(Duration.ofSeconds(30))
			.pollInterval(PAUSE)
			.ignoreExceptionsInstanceOf(WebSocketHandshakeException.class)
			.untilAsserted(() -> {
				for (int instance = 0; instance < 2; instance++) {
					SignalSocket
						.open(stack.instanceUrl("signaling-service", instance), room.id(), room.host().token(), true)
						.close();
				}
			});
	}

	/**
	 * Besides the everyday traffic, a call between two signaling instances: a signal sent
	 * while Redis is away is answered with an error frame and the sockets stay open; once
	 * Redis is back, signals cross between the instances again.
	 */
	@Test
	@Order(1)
	void redisRestartedUnderTraffic() throws Exception {
		Room room = rooms.open(0, Map.of());
		User guest = rooms.newUser();
		Duration wait = Duration.ofSeconds(10);
		try (Call call = Call.open(rooms, room, guest, stack.instanceUrl("signaling-service", 0),
				stack.instanceUrl("signaling-service", 1))) {
			SignalSocket host = call.host();
			SignalSocket guestSocket = call.guest();
			restartedUnderTraffic("Redis restarted (down 8 s)", () -> stack.infrastructure().redis().close(),
					() -> stack.infrastructure().redis().start(),
					List.of("auth-service", "meeting-service", "chat-service", "chat-service-2", "signaling-service",
							"signaling-service-2", "recording-service"),
					() -> {
						guestSocket
							.send(Map.of("type", "offer", "to", room.host().id(), "data", Map.of("sdp", "lost")));
						assertThat(guestSocket.await("error", ANSWER_WITHIN).get("data").get("message").asString())
							.contains("try again");
					}, (answers, stream) -> {
						guestSocket
							.send(Map.of("type", "offer", "to", room.host().id(), "data", Map.of("sdp", "after")));
						assertThat(host.await("offer", wait).get("data").get("sdp").asString()).isEqualTo("after");
						assertThat(stream.reconnects()).as("an open stream stays open while Redis is away").isZero();
						assertThat(answers)
							.filteredOn((answer) -> answer.kind().equals("login") && answer.status() == 503)
							.as("logins refused while the throttle cannot count them")
							.isNotEmpty()
							.allSatisfy((answer) -> assertThat(answer.response().body())
								.as("refused by auth-service: the gateway's rate limit let the request through")
								.contains("A server this service needs"));
					});
		}
	}

	@Test
	@Order(2)
	void postgresRestartedUnderTraffic() throws Exception {
		restartedUnderTraffic("PostgreSQL restarted (down 8 s)", () -> stack.infrastructure().postgres().close(),
				() -> stack.infrastructure().postgres().start(),
				List.of("auth-service", "meeting-service", "chat-service", "chat-service-2", "recording-service"),
				() -> {
				}, (answers, stream) -> {
				});
	}

	/**
	 * Everyday traffic from the members of one meeting, one kind of request each, while a
	 * server every service needs is stopped for 8 s and started again: every answer comes
	 * within 5 s and is a success or a 503 problem+json, the readiness of every instance
	 * that needs the server goes DOWN and comes back, requests succeed again within 10 s,
	 * and every message that was accepted reaches the live stream once.
	 */
	private void restartedUnderTraffic(String fault, Step stop, Step start, List<String> instancesNeedingIt,
			Step whileAway, Check afterwards) throws Exception {
		Room room = rooms.open(6, Map.of());
		try (ResumingStream stream = new ResumingStream(gateway.baseUrl(), gateway.baseUrl(), room.id(),
				room.host().token());
				Traffic traffic = everydayTraffic(room).start();
				Readiness readiness = new Readiness(instancesNeedingIt)) {
			Thread.sleep(2000);
			long stoppedAt = System.nanoTime();
			stop.run();
			Thread.sleep(2000);
			whileAway.run();
			Thread.sleep(Math.max(0, Duration.ofSeconds(8).toNanos() - (System.nanoTime() - stoppedAt)) / 1_000_000);
			start.run();
			long backAt = System.nanoTime();
			awaitRecovery(traffic, readiness, backAt);
			afterwards.check(traffic.answers(), stream);
			traffic.close();
			readiness.close();

			assertAnsweredInTimeWithAtWorst503(traffic.answers());
			assertThat(readiness.instancesDownBetween(stoppedAt, backAt))
				.as("every instance tells it cannot serve while the server is away")
				.containsExactlyInAnyOrderElementsOf(readiness.instances());
			double recovered = secondsToRecover(traffic.answers(), readiness, backAt);
			assertThat(recovered).as("seconds until every request succeeds again")
				.isLessThanOrEqualTo(RECOVER_WITHIN.toSeconds());
			Delivery delivery = awaitDelivery(stream, postedMessages(traffic.answers()), Map.of());
			delivery.assertNothingLostOrTwice();
			FaultReport.add(new FaultReport.Row(fault, traffic.answers().size(), failed(traffic.answers()),
					delivery.expectedCount(), delivery.delayed(), delivery.lost(), delivery.duplicates(), recovered));
		}
	}

	/**
	 * The live stream's subscriber, six members and someone logging in, each sending one
	 * kind of request twice a second (under the per-user rate limit): a login, their
	 * profile, the meeting, the chat history, a message, the recordings, the ICE servers,
	 * and someone checking that they may open the meeting's signaling socket (which
	 * signaling-service asks meeting-service).
	 */
	private static Traffic everydayTraffic(Room room) {
		List<User> members = room.guests();
		String meeting = "/api/meetings/" + room.id();
		AtomicInteger sequence = new AtomicInteger();
		String login = Gateway.JSON.writeValueAsString(Map.of("email",
				gateway.register().get("user").get("email").asString(), "password", "correct horse battery"));
		String entrant = gateway.register().get("access_token").asString();
		return new Traffic(PAUSE)
			.add("login",
					() -> gateway.request("/api/auth/login", null)
						.header("Content-Type", "application/json")
						.POST(HttpRequest.BodyPublishers.ofString(login))
						.build())
			.add("profile", () -> gateway.request("/api/auth/me", members.get(0).token()).build())
			.add("meeting", () -> gateway.request(meeting, members.get(1).token()).build())
			.add("history", () -> gateway.request(meeting + "/messages?limit=5", members.get(2).token()).build())
			.add("post",
					() -> gateway.request(meeting + "/messages", members.get(3).token())
						.header("Content-Type", "application/json")
						.POST(HttpRequest.BodyPublishers
							.ofString("{\"content\": \"message " + sequence.incrementAndGet() + "\"}"))
						.build())
			.add("recordings", () -> gateway.request(meeting + "/recordings", members.get(4).token()).build())
			.add("ice servers", () -> gateway.request("/api/rtc/ice-servers", members.get(5).token()).build())
			.add("signaling entry", () -> gateway.request("/ws?meeting_id=" + room.id(), entrant).build());
	}

	/**
	 * The broker stopped for a minute while the members of a meeting chat and others join
	 * and leave: every write is answered as usual, and once the broker is back every
	 * event reaches the live stream once and in order, and every consumer (chat-service,
	 * recording-service) knows every newcomer. chat-service learns of members from
	 * meeting-service's events, so newcomers can post only once the broker is back.
	 */
	@Test
	@Order(3)
	void kafkaAwayForAMinuteWhilePeopleChatJoinAndLeave() throws Exception {
		Room room = rooms.open(2, Map.of());
		List<User> members = Stream.concat(Stream.of(room.host()), room.guests().stream()).toList();
		List<Write> writes = new CopyOnWriteArrayList<>();
		List<User> newcomers = new ArrayList<>();
		Set<User> stayed = new HashSet<>();
		Map<String, Long> causedAt = new HashMap<>();
		// the members are in the call, as the frontend keeps them: a member without a
		// signaling socket for a minute is marked as left, and the stream's subscriber
		// would then hear nothing more
		try (SignalSocket hostSocket = SignalSocket.open(gateway.baseUrl(), room.id(), room.host().token());
				SignalSocket firstGuestSocket = SignalSocket.open(gateway.baseUrl(), room.id(),
						room.guests().get(0).token());
				SignalSocket secondGuestSocket = SignalSocket.open(gateway.baseUrl(), room.id(),
						room.guests().get(1).token());
				ResumingStream stream = new ResumingStream(gateway.baseUrl(), gateway.baseUrl(), room.id(),
						room.host().token())) {
			hostSocket.send(Map.of("type", "host-join", "data", Map.of()));
			for (SignalSocket guestSocket : List.of(firstGuestSocket, secondGuestSocket)) {
				guestSocket.send(Map.of("type", "join-request", "data", Map.of()));
				guestSocket.await("join-approved", Duration.ofSeconds(10));
			}
			Thread.sleep(1000);
			stack.infrastructure().kafka().close();
			long backAt;
			try {
				long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
				for (int round = 0; System.nanoTime() < until; round++) {
					User member = members.get(round % members.size());
					Write post = write("post", () -> gateway.post("/api/meetings/" + room.id() + "/messages",
							member.token(), Map.of("content", "while the broker is away")));
					writes.add(post);
					if (post.status() == 201) {
						causedAt.put("chat_message " + post.response().get("id").asString(), post.answeredAt());
					}
					User newcomer = rooms.newUser();
					Write join = write("join",
							() -> gateway.post("/api/meetings/join", newcomer.token(), Map.of("code", room.code())));
					writes.add(join);
					newcomers.add(newcomer);
					stayed.add(newcomer);
					causedAt.put("participant_joined " + newcomer.id(), join.answeredAt());
					if (round % 2 == 1) {
						User leaving = newcomers.get(newcomers.size() - 2);
						Write leave = write("leave",
								() -> gateway.post("/api/meetings/" + room.id() + "/leave", leaving.token(), Map.of()));
						writes.add(leave);
						stayed.remove(leaving);
						causedAt.put("participant_left " + leaving.id(), leave.answeredAt());
					}
					Thread.sleep(2000);
				}
			}
			finally {
				stack.infrastructure().kafka().start();
				backAt = System.nanoTime();
			}

			assertThat(writes).as("every write answered as usual, without the broker").allSatisfy((write) -> {
				assertThat(write.status()).as(write.toString()).isBetween(200, 201);
				assertThat(write.took()).as(write.toString()).isLessThanOrEqualTo(ANSWER_WITHIN);
			});
			Delivery delivery = awaitDelivery(stream, Map.of(), causedAt);
			delivery.assertNothingLostOrTwice();
			for (User newcomer : newcomers) {
				assertThat(gateway.get("/api/meetings/" + room.id() + "/recordings", newcomer.token()).statusCode())
					.as("recording-service knows every newcomer")
					.isEqualTo(200);
			}
			for (User newcomer : stayed) {
				assertThat(gateway
					.post("/api/meetings/" + room.id() + "/messages", newcomer.token(), Map.of("content", "I am in"))
					.statusCode()).as("chat-service knows every newcomer who stayed").isEqualTo(201);
			}
			double recovered = Math.max(0, delivery.lastArrival() - backAt) / 1e9;
			assertThat(recovered).as("the outbox tries at least every 10 s; consumers catch up at once")
				.isLessThanOrEqualTo(20);
			FaultReport.add(new FaultReport.Row("Kafka away for 60 s", writes.size(), 0, delivery.expectedCount(),
					delivery.delayed(), delivery.lost(), delivery.duplicates(), recovered));
		}
	}

	@Test
	@Order(4)
	void chatServicesDatabaseRefusesItWhileMeetingEventsArrive() throws Exception {
		Room room = rooms.open(3, Map.of());
		List<User> joined = new ArrayList<>();
		Map<String, Long> causedAt = new HashMap<>();
		String meeting = "/api/meetings/" + room.id();
		try (ResumingStream stream = new ResumingStream(gateway.baseUrl(), gateway.baseUrl(), room.id(),
				room.host().token());
				Traffic traffic = new Traffic(PAUSE)
					.add("history",
							() -> gateway.request(meeting + "/messages?limit=5", room.guests().get(0).token()).build())
					.add("post",
							() -> gateway.request(meeting + "/messages", room.guests().get(1).token())
								.header("Content-Type", "application/json")
								.POST(HttpRequest.BodyPublishers.ofString("{\"content\": \"still here\"}"))
								.build())
					.start();
				Readiness readiness = new Readiness(List.of("chat-service", "chat-service-2"))) {
			Thread.sleep(2000);
			long refusedAt = System.nanoTime();
			refuseLogins("chat_service", true);
			long backAt;
			try {
				for (int member = 0; member < 6; member++) {
					User newcomer = rooms.newUser();
					rooms.join(room, newcomer);
					joined.add(newcomer);
					causedAt.put("participant_joined " + newcomer.id(), System.nanoTime());
					Thread.sleep(5000);
				}
			}
			finally {
				refuseLogins("chat_service", false);
				backAt = System.nanoTime();
			}
			awaitRecovery(traffic, readiness, backAt);
			traffic.close();
			readiness.close();

			assertAnsweredInTimeWithAtWorst503(traffic.answers());
			assertThat(failed(traffic.answers())).as("chat-service said it could not serve").isPositive();
			assertThat(readiness.instancesDownBetween(refusedAt, backAt)).containsExactlyInAnyOrder("chat-service",
					"chat-service-2");
			double recovered = secondsToRecover(traffic.answers(), readiness, backAt);
			assertThat(recovered).isLessThanOrEqualTo(RECOVER_WITHIN.toSeconds());
			postedMessages(traffic.answers())
				.forEach((id, answeredAt) -> causedAt.put("chat_message " + id, answeredAt));
			Delivery delivery = awaitDelivery(stream, Map.of(), causedAt);
			delivery.assertNothingLostOrTwice();
			for (User member : joined) {
				assertThat(
						gateway.post(meeting + "/messages", member.token(), Map.of("content", "I am in")).statusCode())
					.as("chat-service applied every join")
					.isEqualTo(201);
			}
			FaultReport.add(new FaultReport.Row("chat-service's database refusing it for 30 s",
					traffic.answers().size(), failed(traffic.answers()), delivery.expectedCount(), delivery.delayed(),
					delivery.lost(), delivery.duplicates(), recovered));
		}
	}

	@Test
	@Order(5)
	void aKilledChatInstanceCostsItsStreamsOnlyAReconnect() throws Exception {
		Room room = rooms.open(2, Map.of());
		String instance = stack.instanceUrl("chat-service", 0);
		List<ResumingStream> streams = new ArrayList<>();
		Map<String, Long> causedAt = new HashMap<>();
		try (Traffic traffic = new Traffic(Duration.ofMillis(250)).add("post",
				() -> gateway.request("/api/meetings/" + room.id() + "/messages", room.host().token())
					.header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers.ofString("{\"content\": \"through the crash\"}"))
					.build())) {
			for (User subscriber : Stream.concat(Stream.of(room.host()), room.guests().stream()).toList()) {
				streams.add(new ResumingStream(instance, gateway.baseUrl(), room.id(), subscriber.token()));
			}
			traffic.start();
			Thread.sleep(2000);
			long killed = stack.pid("chat-service");
			long killedAt = System.nanoTime();
			assertThat(ProcessHandle.of(killed).map(ProcessHandle::destroyForcibly)).hasValue(true);
			User newcomer = rooms.newUser();
			rooms.join(room, newcomer);
			causedAt.put("participant_joined " + newcomer.id(), System.nanoTime());
			await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
				assertThat(RunningStack.SUPERVISOR_EVENTS).contains("chat-service restarted");
			});
			assertThat(stack.pid("chat-service")).isNotEqualTo(killed);
			Thread.sleep(2000);
			traffic.close();

			assertAnsweredInTimeWithAtWorst503(traffic.answers());
			postedMessages(traffic.answers())
				.forEach((id, answeredAt) -> causedAt.put("chat_message " + id, answeredAt));
			Delivery.Totals delivered = assertEveryStreamResumedWithEverything(streams, causedAt, "cut by the crash");
			ResumingStream.Received join = streams.getFirst()
				.received()
				.stream()
				.filter((received) -> key(received.event()).equals("participant_joined " + newcomer.id()))
				.findFirst()
				.orElseThrow();
			assertThat(Duration.ofNanos(join.arrivedAt() - causedAt.get("participant_joined " + newcomer.id())))
				.as("the killed member's partitions moved to the other instance within the session timeout")
				.isLessThanOrEqualTo(SESSION_TIMEOUT.plus(ANSWER_WITHIN));
			double recovered = secondsToRecover(traffic.answers(), null, killedAt);
			FaultReport.add(new FaultReport.Row("kill -9 of chat-service (1 of 2) with 3 streams on it",
					traffic.answers().size(), failed(traffic.answers()), causedAt.size() * streams.size(),
					delivered.delayed(), delivered.lost(), delivered.duplicates(), recovered));
		}
		finally {
			streams.forEach(ResumingStream::close);
		}
	}

	/**
	 * A call between a host on one signaling instance and a guest on the other; the
	 * host's instance is killed. The host's client opens its socket again through the
	 * gateway, as the frontend does, takes its place back, and the two go on signalling.
	 */
	@Test
	@Order(6)
	void aKilledSignalingInstanceCostsItsSocketsOnlyAReconnect() throws Exception {
		Room room = rooms.open(0, Map.of());
		User guest = rooms.newUser();
		Duration wait = Duration.ofSeconds(10);
		try (Call call = Call.open(rooms, room, guest, stack.instanceUrl("signaling-service", 0),
				stack.instanceUrl("signaling-service", 1))) {
			SignalSocket host = call.host();
			SignalSocket guestSocket = call.guest();
			guestSocket.send(Map.of("type", "offer", "to", room.host().id(), "data", Map.of("sdp", "before")));
			assertThat(host.await("offer", wait).get("data").get("sdp").asString()).isEqualTo("before");

			int eventsBefore = RunningStack.SUPERVISOR_EVENTS.size();
			long killedAt = System.nanoTime();
			assertThat(ProcessHandle.of(stack.pid("signaling-service")).map(ProcessHandle::destroyForcibly))
				.hasValue(true);
			assertThat(host.awaitClose(wait)).as("the host's socket is cut").isNotZero();

			int attempts = 0;
			int refused = 0;
			SignalSocket again = null;
			while (again == null) {
				assertThat(Duration.ofNanos(System.nanoTime() - killedAt)).as("the host is back in the call")
					.isLessThan(Duration.ofSeconds(30));
				attempts++;
				again = rejoinAsHost(room, Duration.ofSeconds(3));
				if (again == null) {
					refused++;
					Thread.sleep(1000);
				}
			}
			try (SignalSocket rejoined = again) {
				guestSocket.send(Map.of("type", "offer", "to", room.host().id(), "data", Map.of("sdp", "after")));
				assertThat(rejoined.await("offer", wait).get("data").get("sdp").asString()).isEqualTo("after");
				rejoined.send(Map.of("type", "answer", "to", guest.id(), "data", Map.of("sdp", "answer")));
				assertThat(guestSocket.await("answer", wait).get("data").get("sdp").asString()).isEqualTo("answer");
				double recovered = (System.nanoTime() - killedAt) / 1e9;
				int duplicates = rejoined.collect("offer", Duration.ofSeconds(1)).size()
						+ guestSocket.collect("answer", Duration.ZERO).size();
				assertThat(duplicates).as("nothing relayed twice").isZero();
				FaultReport.add(new FaultReport.Row("kill -9 of signaling-service (1 of 2) mid-call", attempts, refused,
						2, 0, 0, duplicates, recovered));
			}
			await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
				assertThat(RunningStack.SUPERVISOR_EVENTS.subList(eventsBefore, RunningStack.SUPERVISOR_EVENTS.size()))
					.contains("signaling-service restarted");
			});
		}
	}

	/**
	 * meeting-service stopped and started again while the broker is away: the change its
	 * stop left in the outbox is published before the one made after its start, so the
	 * meeting's events keep their order.
	 */
	@Test
	@Order(7)
	void aServiceRestartedWhileKafkaIsAwayKeepsItsEventsInOrder() throws Exception {
		Room room = rooms.open(0, Map.of());
		List<String> renames = List.of("before the restart", "after the restart");
		try (KafkaConsumer<String, String> consumer = Topics.subscribe("meeting.events")) {
			stack.infrastructure().kafka().close();
			long backAt;
			try {
				assertThat(rename(room, renames.get(0)).statusCode()).isEqualTo(200);
				stack.stopInstance("meeting-service");
				stack.restartInstance("meeting-service");
				await().atMost(Duration.ofSeconds(10))
					.pollInterval(Duration.ofMillis(500))
					.until(() -> rename(room, renames.get(1)).statusCode() == 200);
			}
			finally {
				stack.infrastructure().kafka().start();
				backAt = System.nanoTime();
			}
			List<String> titles = new ArrayList<>();
			long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
			while (!titles.contains(renames.get(1)) && System.nanoTime() < deadline) {
				for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
					String title = Gateway.JSON.readTree(record.value()).path("meeting").path("title").asString();
					if (room.id().equals(record.key()) && renames.contains(title)) {
						titles.add(title);
					}
				}
			}
			double recovered = (System.nanoTime() - backAt) / 1e9;
			assertThat(titles.stream().distinct().toList()).as("published in the order they were made")
				.isEqualTo(renames);
			FaultReport.add(new FaultReport.Row("meeting-service restarted while Kafka is away", 2, 0, 2, 2, 0,
					titles.size() - 2, recovered));
		}
	}

	private static HttpResponse<String> rename(Room room, String title) {
		return gateway.send(gateway.request("/api/meetings/" + room.id(), room.host().token())
			.header("Content-Type", "application/json")
			.method("PATCH",
					HttpRequest.BodyPublishers.ofString(Gateway.JSON.writeValueAsString(Map.of("title", title))))
			.build());
	}

	/**
	 * Every member of the room on a socket of the first signaling instance, in the call:
	 * a member without one is taken for gone after the ghost timeout (a minute), which
	 * can pass before killed instances are back.
	 */
	private static List<SignalSocket> seatEveryone(Room room) throws Exception {
		Duration wait = Duration.ofSeconds(10);
		String instance = stack.instanceUrl("signaling-service", 0);
		List<SignalSocket> seats = new ArrayList<>();
		SignalSocket host = SignalSocket.open(instance, room.id(), room.host().token(), true);
		seats.add(host);
		host.send(Map.of("type", "host-join", "data", Map.of()));
		host.send(Map.of("type", "ping"));
		host.await("pong", wait);
		for (User guest : room.guests()) {
			SignalSocket seat = SignalSocket.open(instance, room.id(), guest.token(), true);
			seats.add(seat);
			seat.send(Map.of("type", "join-request", "data", Map.of("host_user_id", room.host().id())));
			seat.await("join-approved", wait);
		}
		return seats;
	}

	/**
	 * The host's client connecting again through the gateway after its socket was closed
	 * for a restart, as often as it is refused, without announcing itself again.
	 */
	private static Reconnection reconnectAsHostThroughGateway(Room room, long stoppedAt) throws InterruptedException {
		int attempts = 0;
		int refused = 0;
		while (true) {
			assertThat(Duration.ofNanos(System.nanoTime() - stoppedAt)).as("the host's client is connected again")
				.isLessThan(Duration.ofSeconds(20));
			attempts++;
			try {
				return new Reconnection(SignalSocket.open(gateway.baseUrl(), room.id(), room.host().token()), attempts,
						refused);
			}
			catch (java.net.http.WebSocketHandshakeException | java.util.concurrent.CompletionException refusal) {
				refused++;
				Thread.sleep(500);
			}
		}
	}

	private record Reconnection(SignalSocket socket, int attempts, int refused) {
	}

	/** The host's socket through the gateway, in the call again; null if refused. */
	private static SignalSocket rejoinAsHost(Room room, Duration wait) {
		SignalSocket socket;
		try {
			socket = SignalSocket.open(gateway.baseUrl(), room.id(), room.host().token());
		}
		catch (java.net.http.WebSocketHandshakeException | java.util.concurrent.CompletionException refused) {
			return null;
		}
		try {
			socket.send(Map.of("type", "host-join", "data", Map.of()));
			socket.send(Map.of("type", "ping"));
			socket.await("pong", wait);
			return socket;
		}
		catch (AssertionError | RuntimeException lost) {
			socket.close();
			return null;
		}
	}

	/**
	 * A rolling update: one of the two signaling instances and one of the two chat
	 * instances stopped as an orchestrator stops them (SIGTERM) in the middle of a call
	 * and a chat. The host's socket is closed with 1012 (service restart); the host's
	 * client connects again through the gateway without announcing itself, as the
	 * frontend's reconnect does, and takes its place back silently: the guest hears no
	 * {@code peer-left}, and the two go on signalling. The chat streams on the stopped
	 * instance end, resume elsewhere with {@code Last-Event-ID}, and miss nothing.
	 */
	@Test
	@Order(9)
	void aRollingUpdateOfSignalingAndChatLosesNothing() throws Exception {
		Room room = rooms.open(0, Map.of());
		User guest = rooms.newUser();
		Duration wait = Duration.ofSeconds(10);
		List<ResumingStream> streams = new ArrayList<>();
		try (Call call = Call.open(rooms, room, guest, stack.instanceUrl("signaling-service", 0),
				stack.instanceUrl("signaling-service", 1));
				Traffic traffic = new Traffic(Duration.ofMillis(250)).add("post",
						() -> gateway.request("/api/meetings/" + room.id() + "/messages", room.host().token())
							.header("Content-Type", "application/json")
							.POST(HttpRequest.BodyPublishers.ofString("{\"content\": \"through the update\"}"))
							.build())) {
			for (User subscriber : List.of(room.host(), guest)) {
				streams.add(new ResumingStream(stack.instanceUrl("chat-service", 0), gateway.baseUrl(), room.id(),
						subscriber.token()));
			}
			traffic.start();
			Thread.sleep(1000);
			long stoppedAt = System.nanoTime();
			stack.stopInstance("signaling-service");
			assertThat(call.host().awaitClose(wait)).as("the host's socket is closed for a restart").isEqualTo(1012);

			Reconnection host = reconnectAsHostThroughGateway(room, stoppedAt);
			try (SignalSocket reconnected = host.socket()) {
				// the client sees the socket open before the server has placed it; a
				// frame answered shows it has
				reconnected.send(Map.of("type", "ping"));
				reconnected.await("pong", wait);
				call.guest().send(Map.of("type", "offer", "to", room.host().id(), "data", Map.of("sdp", "after")));
				assertThat(reconnected.await("offer", wait).get("data").get("sdp").asString()).isEqualTo("after");
				reconnected.send(Map.of("type", "answer", "to", guest.id(), "data", Map.of("sdp", "answer")));
				assertThat(call.guest().await("answer", wait).get("data").get("sdp").asString()).isEqualTo("answer");
				double signalingBack = (System.nanoTime() - stoppedAt) / 1e9;

				stack.stopInstance("chat-service");
				Thread.sleep(2000);
				traffic.close();
				assertThat(call.guest().collect("peer-left", Duration.ZERO)).as("the host never left the call")
					.isEmpty();

				assertAnsweredInTimeWithAtWorst503(traffic.answers());
				Map<String, Long> causedAt = new HashMap<>();
				postedMessages(traffic.answers())
					.forEach((id, answeredAt) -> causedAt.put("chat_message " + id, answeredAt));
				Delivery.Totals delivered = assertEveryStreamResumedWithEverything(streams, causedAt,
						"ended by the stop");
				FaultReport.add(new FaultReport.Row(
						"SIGTERM of signaling-service and chat-service (1 of 2 each) mid-call, 2 streams",
						traffic.answers().size() + host.attempts(), failed(traffic.answers()) + host.refused(),
						causedAt.size() * streams.size() + 2, delivered.delayed(), delivered.lost(),
						delivered.duplicates(), signalingBack));
			}
		}
		finally {
			streams.forEach(ResumingStream::close);
			for (String stopped : List.of("signaling-service", "chat-service")) {
				if (!stack.isRunning(stopped)) {
					stack.restartInstance(stopped);
				}
			}
		}
	}

	/**
	 * Every other instance killed at once under everyday traffic (auth-service,
	 * meeting-service, recording-service, and the second chat-service and
	 * signaling-service): answers are successes or 503 problem+json meanwhile, each
	 * instance is started again by the stack's supervisor, every request succeeds again
	 * once they are back, and every message accepted reaches the live stream once.
	 */
	@Test
	@Order(8)
	void theOtherInstancesKilledAtOnceUnderTraffic() throws Exception {
		List<String> victims = List.of("auth-service", "meeting-service", "recording-service", "chat-service-2",
				"signaling-service-2");
		Room room = rooms.open(6, Map.of());
		List<SignalSocket> seats = seatEveryone(room);
		try (ResumingStream stream = new ResumingStream(gateway.baseUrl(), gateway.baseUrl(), room.id(),
				room.host().token()); Traffic traffic = everydayTraffic(room).start()) {
			Thread.sleep(2000);
			int eventsBefore = RunningStack.SUPERVISOR_EVENTS.size();
			for (String victim : victims) {
				assertThat(ProcessHandle.of(stack.pid(victim)).map(ProcessHandle::destroyForcibly)).hasValue(true);
			}
			await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
				List<String> events = RunningStack.SUPERVISOR_EVENTS.subList(eventsBefore,
						RunningStack.SUPERVISOR_EVENTS.size());
				assertThat(events).containsAll(victims.stream().map((victim) -> victim + " restarted").toList());
			});
			long backAt = System.nanoTime();
			try (Readiness readiness = new Readiness(victims)) {
				awaitRecovery(traffic, readiness, backAt);
			}
			traffic.close();

			assertAnsweredInTimeWithAtWorst503(traffic.answers(), ANSWER_WITHIN_WHILE_RESTARTING);
			double recovered = secondsToRecover(traffic.answers(), null, backAt);
			assertThat(recovered).as("seconds until every request succeeds again")
				.isLessThanOrEqualTo(RECOVER_WITHIN.toSeconds());
			Delivery delivery = awaitDelivery(stream, postedMessages(traffic.answers()), Map.of());
			delivery.assertNothingLostOrTwice();
			FaultReport.add(new FaultReport.Row("kill -9 of the 5 other instances at once", traffic.answers().size(),
					failed(traffic.answers()), delivery.expectedCount(), delivery.delayed(), delivery.lost(),
					delivery.duplicates(), recovered));
		}
		finally {
			seats.forEach(SignalSocket::close);
		}
	}

	private static Delivery awaitDelivery(ResumingStream stream, Map<String, Long> postedMessages,
			Map<String, Long> causedAt) {
		Map<String, Long> expected = new LinkedHashMap<>(causedAt);
		postedMessages.forEach((id, answeredAt) -> expected.put("chat_message " + id, answeredAt));
		long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
		while (System.nanoTime() < deadline) {
			Set<String> keys = new HashSet<>();
			stream.received().forEach((received) -> keys.add(key(received.event())));
			if (keys.containsAll(expected.keySet())) {
				break;
			}
			sleep(Duration.ofMillis(250));
		}
		sleep(Duration.ofSeconds(2));
		return new Delivery(stream.received(), expected);
	}

	/** What an event is about: its name and the message or member it concerns. */
	private static String key(EventStream.Event event) {
		JsonNode data = event.data();
		return switch (event.name()) {
			case "chat_message" -> "chat_message " + data.path("id").asString();
			case "participant_joined" -> "participant_joined " + data.path("user").path("id").asString();
			case "participant_left" -> "participant_left " + data.path("user_id").asString();
			default -> event.name() + " " + event.id();
		};
	}

	/**
	 * The messages the traffic posted and was told were stored, with when it was told.
	 */
	private static Map<String, Long> postedMessages(List<Traffic.Answer> answers) {
		Map<String, Long> posted = new LinkedHashMap<>();
		answers.stream()
			.filter((answer) -> answer.kind().equals("post") && answer.status() == 201)
			.forEach((answer) -> posted.put(Gateway.JSON.readTree(answer.response().body()).get("id").asString(),
					answer.answeredAt()));
		return posted;
	}

	private static void assertAnsweredInTimeWithAtWorst503(List<Traffic.Answer> answers) {
		assertAnsweredInTimeWithAtWorst503(answers, ANSWER_WITHIN);
	}

	private static void assertAnsweredInTimeWithAtWorst503(List<Traffic.Answer> answers, Duration within) {
		assertThat(answers).isNotEmpty().allSatisfy((answer) -> {
			assertThat(answer.took()).as(answer.toString()).isLessThanOrEqualTo(within);
			assertThat(answer.succeeded() || answer.isServiceUnavailable()).as(answer.toString()).isTrue();
		});
	}

	private static int failed(List<Traffic.Answer> answers) {
		return (int) answers.stream().filter((answer) -> !answer.succeeded()).count();
	}

	/**
	 * Waits until every instance is ready and every kind of request has succeeded twice
	 * in a row, for at most half a minute.
	 */
	private static void awaitRecovery(Traffic traffic, Readiness readiness, long backAt) {
		long deadline = backAt + Duration.ofSeconds(30).toNanos();
		while (System.nanoTime() < deadline) {
			List<Traffic.Answer> answers = traffic.answers();
			Map<String, List<Traffic.Answer>> byKind = new HashMap<>();
			answers.forEach((answer) -> byKind.computeIfAbsent(answer.kind(), (kind) -> new ArrayList<>()).add(answer));
			boolean recovered = byKind.values()
				.stream()
				.allMatch((kind) -> kind.size() >= 2 && kind.getLast().succeeded()
						&& kind.get(kind.size() - 2).succeeded() && kind.get(kind.size() - 2).sentAt() > backAt);
			if (recovered && readiness.allUpSince(backAt)) {
				return;
			}
			sleep(Duration.ofMillis(250));
		}
	}

	/**
	 * From {@code backAt} until the last failed answer or the last time an instance was
	 * not ready, whichever is later; 0 when neither came after it.
	 */
	private static double secondsToRecover(List<Traffic.Answer> answers, Readiness readiness, long backAt) {
		long lastFailure = answers.stream()
			.filter((answer) -> !answer.succeeded())
			.mapToLong(Traffic.Answer::answeredAt)
			.max()
			.orElse(backAt);
		if (readiness != null) {
			lastFailure = Math.max(lastFailure, readiness.lastDownAt());
		}
		return Math.max(0, lastFailure - backAt) / 1e9;
	}

	private static void refuseLogins(String role, boolean refuse) throws SQLException {
		PostgresServer postgres = stack.infrastructure().postgres();
		try (Connection connection = postgres.superuserConnection(PostgresServer.DATABASE);
				Statement statement = connection.createStatement()) {
			statement.execute("ALTER ROLE " + role + (refuse ? " NOLOGIN" : " LOGIN"));
			if (refuse) {
				statement
					.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '" + role + "'");
			}
		}
	}

	private static Write write(String kind, java.util.function.Supplier<HttpResponse<String>> call) {
		long sentAt = System.nanoTime();
		HttpResponse<String> response = call.get();
		long answeredAt = System.nanoTime();
		JsonNode body = response.body().isEmpty() ? null : Gateway.json(response);
		return new Write(kind, response.statusCode(), Duration.ofNanos(answeredAt - sentAt), answeredAt, body);
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	@FunctionalInterface
	private interface Step {

		void run() throws Exception;

	}

	/** What else a fault must have left true, given the traffic and the stream. */
	@FunctionalInterface
	private interface Check {

		void check(List<Traffic.Answer> answers, ResumingStream stream) throws Exception;

	}

	private record Write(String kind, int status, Duration took, long answeredAt, JsonNode response) {
	}

	/**
	 * Every stream, cut by a fault, was opened again and got every expected event once;
	 * what they got late, lost or twice, summed.
	 */
	private static Delivery.Totals assertEveryStreamResumedWithEverything(List<ResumingStream> streams,
			Map<String, Long> causedAt, String cut) {
		int delayed = 0;
		int lost = 0;
		int duplicates = 0;
		for (ResumingStream stream : streams) {
			Delivery delivery = awaitDelivery(stream, Map.of(), causedAt);
			delivery.assertNothingLostOrTwice();
			assertThat(stream.reconnects()).as("each stream was " + cut + " and opened again").isPositive();
			delayed += delivery.delayed();
			lost += delivery.lost();
			duplicates += delivery.duplicates();
		}
		return new Delivery.Totals(delayed, lost, duplicates);
	}

	/**
	 * What reached a live stream, against what should have: every event once, numbered
	 * without gaps or repeats.
	 */
	private record Delivery(List<ResumingStream.Received> received, Map<String, Long> expected) {

		record Totals(int delayed, int lost, int duplicates) {
		}

		int lost() {
			return missing().size() + gaps().size();
		}

		/** The expected events that never arrived. */
		private List<String> missing() {
			Set<String> keys = new HashSet<>();
			this.received.forEach((each) -> keys.add(key(each.event())));
			return this.expected.keySet().stream().filter((key) -> !keys.contains(key)).sorted().toList();
		}

		/** Numbers skipped between consecutive events. */
		private List<Long> gaps() {
			List<Long> gaps = new ArrayList<>();
			for (int i = 1; i < this.received.size(); i++) {
				for (long skipped = this.received.get(i - 1).event().id() + 1; skipped < this.received.get(i)
					.event()
					.id(); skipped++) {
					gaps.add(skipped);
				}
			}
			return gaps;
		}

		/** Events received twice, whether by number or by what they are about. */
		int duplicates() {
			Set<Long> ids = new HashSet<>();
			Set<String> keys = new HashSet<>();
			int twice = 0;
			for (ResumingStream.Received each : this.received) {
				if (!ids.add(each.event().id()) || !keys.add(key(each.event()))) {
					twice++;
				}
			}
			return twice;
		}

		int delayed() {
			int delayed = 0;
			for (ResumingStream.Received each : this.received) {
				Long causedAt = this.expected.get(key(each.event()));
				if (causedAt != null && each.arrivedAt() - causedAt > DELAYED_AFTER.toNanos()) {
					delayed++;
				}
			}
			return delayed;
		}

		int expectedCount() {
			return this.expected.size();
		}

		/** When the last of the expected events arrived. */
		long lastArrival() {
			return this.received.stream()
				.filter((each) -> this.expected.containsKey(key(each.event())))
				.mapToLong(ResumingStream.Received::arrivedAt)
				.max()
				.orElse(0);
		}

		/** Numbers only go up, so each member's join came before their leave. */
		boolean inOrder() {
			for (int i = 1; i < this.received.size(); i++) {
				if (this.received.get(i).event().id() <= this.received.get(i - 1).event().id()) {
					return false;
				}
			}
			return true;
		}

		void assertNothingLostOrTwice() {
			assertThat(lost())
				.as("events lost, of %d expected: missing %s, numbers skipped %s; received %s", expectedCount(),
						missing(), gaps(),
						this.received.stream().map((each) -> each.event().id() + " " + key(each.event())).toList())
				.isZero();
			assertThat(duplicates()).as("events delivered twice").isZero();
			assertThat(inOrder()).as("events in the order they were numbered").isTrue();
		}

	}

	/**
	 * Polls the readiness of service instances four times a second, keeping when each one
	 * was not ready.
	 */
	private static final class Readiness implements AutoCloseable {

		private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

		private final List<String> instances;

		private final Map<String, List<Long>> downAt = new java.util.concurrent.ConcurrentHashMap<>();

		private final Map<String, Long> lastUpAt = new java.util.concurrent.ConcurrentHashMap<>();

		private final List<Thread> pollers;

		private volatile boolean stopped;

		/** One poller per instance, so that a slow answer from one delays no other. */
		Readiness(List<String> instances) {
			this.instances = instances;
			this.pollers = instances.stream()
				.map((instance) -> Thread.ofVirtual()
					.name("readiness-" + instance)
					.start(() -> pollUntilStopped(instance)))
				.toList();
		}

		List<String> instances() {
			return this.instances;
		}

		private void pollUntilStopped(String instance) {
			while (!this.stopped) {
				long at = System.nanoTime();
				if (isReady(instance)) {
					this.lastUpAt.put(instance, at);
				}
				else {
					this.downAt.computeIfAbsent(instance, (name) -> new CopyOnWriteArrayList<>()).add(at);
				}
				try {
					Thread.sleep(250);
				}
				catch (InterruptedException ex) {
					return;
				}
			}
		}

		private static boolean isReady(String instance) {
			String url = stack.instanceUrl(instance.replaceAll("-\\d$", ""),
					instance.matches(".*-\\d$") ? Integer.parseInt(instance.replaceAll(".*-", "")) - 1 : 0);
			try {
				return HTTP
					.send(HttpRequest.newBuilder(URI.create(url + "/actuator/health/readiness"))
						.timeout(Duration.ofSeconds(2))
						.build(), HttpResponse.BodyHandlers.discarding())
					.statusCode() == 200;
			}
			catch (java.io.IOException ex) {
				return false;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return false;
			}
		}

		Set<String> instancesDownBetween(long from, long to) {
			Set<String> down = new HashSet<>();
			this.downAt.forEach((instance, times) -> {
				if (times.stream().anyMatch((at) -> at >= from && at <= to)) {
					down.add(instance);
				}
			});
			return down;
		}

		boolean allUpSince(long since) {
			return this.instances.stream().allMatch((instance) -> {
				Long up = this.lastUpAt.get(instance);
				List<Long> down = this.downAt.getOrDefault(instance, List.of());
				return up != null && up > since && (down.isEmpty() || up > down.getLast());
			});
		}

		long lastDownAt() {
			return this.downAt.values().stream().mapToLong(List::getLast).max().orElse(0);
		}

		@Override
		public void close() {
			this.stopped = true;
			this.pollers.forEach(Thread::interrupt);
		}

	}

}
