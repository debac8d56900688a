package app.meet.e2e;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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

import app.meet.e2e.Rooms.Room;
import app.meet.e2e.Rooms.User;

import static app.meet.e2e.Gateway.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * chat-service through the gateway: messages and history, attachments, and the live
 * stream as the frontend reads it, across two chat-service instances.
 */
@Order(4)
class ChatEndToEndTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private static final Duration QUIET = Duration.ofMillis(1500);

	private static Gateway gateway;

	private static Rooms rooms;

	@BeforeAll
	static void stack() {
		gateway = new Gateway(RunningStack.get().gatewayUrl());
		rooms = new Rooms(gateway);
	}

	@Test
	void participantsPostAndReadTheHistoryOldestFirstPageByPage() {
		Room room = rooms.open(1, Map.of());
		User guest = room.guests().get(0);
		HttpResponse<String> posted = postMessage(room, guest, Map.of("content", "  hello  ", "type", "text"));
		assertThat(posted.statusCode()).as(posted.body()).isEqualTo(201);
		JsonNode message = Gateway.json(posted);
		assertThat(message.get("content").asString()).isEqualTo("hello");
		assertThat(message.get("type").asString()).isEqualTo("text");
		assertThat(message.get("user").get("id").asString()).isEqualTo(guest.id());
		assertThat(message.get("user").has("email")).isFalse();
		assertThat(message.get("file").isNull()).isTrue();
		for (int i = 1; i <= 4; i++) {
			assertThat(postMessage(room, room.host(), Map.of("content", "message " + i)).statusCode()).isEqualTo(201);
		}

		List<JsonNode> all = history(room, guest, "");
		assertThat(all).extracting((each) -> each.get("content").asString())
			.containsSubsequence("hello", "message 1", "message 2", "message 3", "message 4")
			.endsWith("message 4");
		HttpResponse<String> firstPage = gateway.get(messagesPath(room) + "?limit=3", guest.token());
		assertThat(Gateway.json(firstPage).valueStream().map((each) -> each.get("content").asString()))
			.containsExactly("message 2", "message 3", "message 4");
		String next = firstPage.headers().firstValue("Link").orElseThrow();
		assertThat(next).endsWith("; rel=\"next\"");
		String nextPath = next.substring(1, next.indexOf('>'));
		List<JsonNode> secondPage = Gateway.json(gateway.get(nextPath, guest.token())).valueStream().toList();
		assertThat(secondPage).hasSize(3);
		assertThat(secondPage.getLast().get("content").asString()).isEqualTo("message 1");
		List<JsonNode> pages = new ArrayList<>(secondPage);
		pages.addAll(Gateway.json(firstPage).valueStream().toList());
		assertThat(pages).extracting((each) -> each.get("id").asString())
			.isEqualTo(
					all.subList(all.size() - 6, all.size()).stream().map((each) -> each.get("id").asString()).toList());
	}

	@Test
	void badMessagesAndOutsidersAreRefusedAndNothingIsStored() {
		Room room = rooms.open(1, Map.of());
		User guest = room.guests().get(0);
		User outsider = rooms.newUser();
		int before = history(room, guest, "").size();

		assertField(postMessage(room, guest, Map.of()), "content");
		assertField(postMessage(room, guest, Map.of("content", " \n\t ")), "content");
		assertField(postMessage(room, guest, Map.of("content", "x".repeat(4001))), "content");
		assertField(postMessage(room, guest, Map.of("content", "hi", "type", "system")), "type");
		assertField(postMessage(room, guest, Map.of("content", "hi\u0000there")), "content");
		assertProblem(gateway.send(gateway.request("/api/meetings/" + room.id() + "/files", guest.token())
			.header("Content-Type", "multipart/form-data")
			.POST(HttpRequest.BodyPublishers.ofString("no boundary, no parts"))
			.build()), 400, "malformed-request");
		assertProblem(gateway.send(gateway.request(messagesPath(room), guest.token())
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"content\": "))
			.build()), 400, "malformed-request");
		assertProblem(postMessage(room, outsider, Map.of("content", "hi")), 403, "not-a-participant");
		assertProblem(gateway.post("/api/meetings/" + UUID.randomUUID() + "/messages", guest.token(),
				Map.of("content", "hi")), 404, "meeting-not-found");
		assertProblem(gateway.post("/api/meetings/not-a-uuid/messages", guest.token(), Map.of("content", "hi")), 400,
				null);
		assertProblem(gateway.get(messagesPath(room), outsider.token()), 403, "not-a-participant");
		assertProblem(gateway.get(messagesPath(room) + "?limit=0", guest.token()), 400, "validation-failed");
		assertProblem(gateway.get(messagesPath(room) + "?limit=101", guest.token()), 400, "validation-failed");
		assertProblem(gateway.get(messagesPath(room) + "?before=" + UUID.randomUUID(), guest.token()), 400,
				"validation-failed");
		assertThat(postMessage(room, guest, Map.of("content", "x".repeat(4000))).statusCode()).isEqualTo(201);

		assertThat(history(room, guest, "")).hasSize(before + 1);
	}

	@Test
	void guestsCannotPostWhileChatIsOffButTheHostCan() {
		Room room = rooms.open(1, Map.of("allow_chat", false));
		assertProblem(postMessage(room, room.guests().get(0), Map.of("content", "hi")), 403, "chat-disabled");
		assertThat(postMessage(room, room.host(), Map.of("content", "hi")).statusCode()).isEqualTo(201);
	}

	@Test
	void aJustJoinedUserCanPostAtOnceFiftyTimesInARow() {
		Room room = rooms.open(0, Map.of());
		for (int i = 0; i < 50; i++) {
			User user = rooms.newUser();
			rooms.join(room, user);
			HttpResponse<String> posted = postMessage(room, user, Map.of("content", "hello " + i));
			assertThat(posted.statusCode()).as("run %d: %s", i, posted.body()).isEqualTo(201);
			// making room for the next: the meeting holds 50
			gateway.post("/api/meetings/" + room.id() + "/leave", user.token(), Map.of());
		}
	}

	@Test
	void theStreamTellsEveryoneWhatHappensInTheFrontendsFormat() {
		Room room = rooms.open(0, Map.of());
		User guest = rooms.newUser();
		try (EventStream host = EventStream.open(gateway.baseUrl(), room.id(), room.host().token(), true, null,
				"http://localhost:5173");
				EventStream guestStream = EventStream.open(gateway.baseUrl(), room.id(), guest.token())) {
			assertThat(host.response().statusCode()).isEqualTo(200);
			assertThat(host.response().headers().firstValue("Content-Type").orElseThrow())
				.startsWith("text/event-stream");
			assertThat(host.response().headers().firstValue("Access-Control-Allow-Origin"))
				.hasValue("http://localhost:5173");
			rooms.join(room, guest);

			EventStream.Event joined = host.next("participant_joined", WAIT);
			assertThat(joined.envelope().get("type").asString()).isEqualTo("participant_joined");
			assertThat(joined.data().get("user").get("id").asString()).isEqualTo(guest.id());
			assertThat(joined.data().get("status").asString()).isEqualTo("active");
			EventStream.Event joinedNotice = host.next("chat_message", WAIT);
			assertThat(joinedNotice.data().get("type").asString()).isEqualTo("system");
			assertThat(joinedNotice.data().get("user").get("id").asString()).isEqualTo(guest.id());

			postMessage(room, guest, Map.of("content", "hi all"));
			EventStream.Event toHost = host.next("chat_message", WAIT);
			assertThat(toHost.data().get("content").asString()).isEqualTo("hi all");
			assertThat(toHost.id()).isGreaterThan(joinedNotice.id());
			List<EventStream.Event> guestSaw = new ArrayList<>();
			EventStream.Event toGuest;
			do {
				toGuest = guestStream.next(WAIT);
				assertThat(toGuest).as("the sender hears its own message").isNotNull();
				guestSaw.add(toGuest);
			}
			while (!toGuest.name().equals("chat_message") || !toGuest.data().get("type").asString().equals("text"));
			assertThat(toGuest.id()).isEqualTo(toHost.id());
			assertThat(guestSaw).extracting(EventStream.Event::name).doesNotContain("participant_joined");

			assertThat(gateway
				.post("/api/meetings/" + room.id() + "/participants/" + guest.id() + "/mute", room.host().token(),
						Map.of())
				.statusCode()).isEqualTo(200);
			EventStream.Event muted = host.next("participant_state", WAIT);
			assertThat(muted.data().get("is_muted").asBoolean()).isTrue();
			assertThat(guestStream.next("participant_state", WAIT).id()).isEqualTo(muted.id());

			gateway.post("/api/meetings/" + room.id() + "/leave", guest.token(), Map.of());
			EventStream.Event left = host.next("participant_left", WAIT);
			assertThat(left.data().get("user_id").asString()).isEqualTo(guest.id());
			assertThat(left.data().get("participant").get("status").asString()).isEqualTo("left");
			assertThat(guestStream.next("participant_left", WAIT).id()).isEqualTo(left.id());
			assertThat(guestStream.endsWithin(WAIT)).as("the stream ends on the subscriber's leave").isTrue();
			assertThat(host.drain(QUIET)).extracting(EventStream.Event::name).doesNotContain("participant_updated");
		}
	}

	@Test
	void someoneNotYetInTheMeetingHearsOnlyItsEndUntilTheyJoin() {
		Room room = rooms.open(0, Map.of());
		User visitor = rooms.newUser();
		try (EventStream stream = EventStream.open(gateway.baseUrl(), room.id(), visitor.token())) {
			assertThat(stream.response().statusCode()).isEqualTo(200);
			postMessage(room, room.host(), Map.of("content", "before you came"));
			assertThat(stream.drain(QUIET)).isEmpty();

			rooms.join(room, visitor);
			postMessage(room, room.host(), Map.of("content", "welcome"));
			EventStream.Event welcome;
			do {
				welcome = stream.next("chat_message", WAIT);
			}
			while (!welcome.data().get("content").asString().equals("welcome"));

			assertThat(gateway.post("/api/meetings/" + room.id() + "/end", room.host().token(), Map.of()).statusCode())
				.isEqualTo(200);
			EventStream.Event ended = stream.next("meeting_ended", WAIT);
			assertThat(ended.data().get("meeting_id").asString()).isEqualTo(room.id());
			assertThat(ended.data().get("ended_at").asString()).isNotBlank();
			assertThat(stream.endsWithin(WAIT)).isTrue();
		}
		try (EventStream late = EventStream.open(gateway.baseUrl(), room.id(), rooms.newUser().token())) {
			assertThat(late.next(WAIT).name()).as("a stream of an ended meeting says so and ends")
				.isEqualTo("meeting_ended");
			assertThat(late.endsWithin(WAIT)).isTrue();
		}
		assertProblem(gateway.get("/api/meetings/" + UUID.randomUUID() + "/events?token=" + visitor.token(), null), 404,
				"meeting-not-found");
	}

	@Test
	void aReconnectingSubscriberGetsExactlyWhatItMissedInOrder() {
		Room room = rooms.open(1, Map.of());
		User guest = room.guests().get(0);
		try (EventStream host = EventStream.open(gateway.baseUrl(), room.id(), room.host().token())) {
			long lastSeen;
			try (EventStream first = EventStream.open(gateway.baseUrl(), room.id(), guest.token())) {
				postMessage(room, guest, Map.of("content", "before the drop"));
				lastSeen = nextText(first).id();
			}
			host.drain(QUIET);

			postMessage(room, room.host(), Map.of("content", "missed 1"));
			User passer = rooms.newUser();
			rooms.join(room, passer);
			postMessage(room, passer, Map.of("content", "missed 2"));
			gateway.post("/api/meetings/" + room.id() + "/leave", passer.token(), Map.of());
			postMessage(room, room.host(), Map.of("content", "missed 3"));
			List<EventStream.Event> happened = host.drain(QUIET);
			assertThat(happened).extracting(EventStream.Event::name)
				.containsSubsequence("chat_message", "participant_joined", "chat_message", "participant_left",
						"chat_message");

			try (EventStream again = EventStream.open(gateway.baseUrl(), room.id(), guest.token(), true, lastSeen,
					null)) {
				List<EventStream.Event> replayed = again.drain(QUIET);
				assertThat(replayed).extracting(EventStream.Event::id)
					.as("nothing missed, nothing twice")
					.isEqualTo(happened.stream().map(EventStream.Event::id).toList());
				assertThat(replayed).extracting((event) -> event.envelope().toString())
					.isEqualTo(happened.stream().map((event) -> event.envelope().toString()).toList());
				assertThat(replayed.getFirst().id()).isEqualTo(lastSeen + 1);

				postMessage(room, room.host(), Map.of("content", "live again"));
				assertThat(again.next("chat_message", WAIT).data().get("content").asString()).isEqualTo("live again");
			}
		}
	}

	@Test
	void parallelPostsAreNumberedWithoutGapsAndHistoryKeepsTheirOrder() throws Exception {
		Room room = rooms.open(4, Map.of());
		int posts = 40;
		try (EventStream host = EventStream.open(gateway.baseUrl(), room.id(), room.host().token())) {
			// news of the guests' joins may still be on its way
			host.drain(QUIET);
			ExecutorService pool = Executors.newFixedThreadPool(8);
			try {
				CountDownLatch start = new CountDownLatch(1);
				List<Future<HttpResponse<String>>> calls = new ArrayList<>();
				for (int i = 0; i < posts; i++) {
					User author = room.guests().get(i % room.guests().size());
					String content = "parallel " + i;
					calls.add(pool.submit(() -> {
						start.await();
						return postMessage(room, author, Map.of("content", content));
					}));
				}
				start.countDown();
				for (Future<HttpResponse<String>> call : calls) {
					assertThat(call.get().statusCode()).as(call.get().body()).isEqualTo(201);
				}
			}
			finally {
				pool.shutdownNow();
			}
			List<EventStream.Event> received = new ArrayList<>();
			while (received.size() < posts) {
				received.add(host.next("chat_message", WAIT));
			}
			for (int i = 1; i < received.size(); i++) {
				assertThat(received.get(i).id()).isEqualTo(received.get(i - 1).id() + 1);
			}
			List<String> streamed = received.stream().map((event) -> event.data().get("id").asString()).toList();
			List<JsonNode> history = history(room, room.host(), "?limit=" + posts);
			assertThat(history).extracting((each) -> each.get("id").asString()).isEqualTo(streamed);
		}
	}

	@Test
	void aSubscriberOnOneInstanceHearsWhatIsPostedThroughTheOther() {
		Room room = rooms.open(1, Map.of());
		User guest = room.guests().get(0);
		String first = RunningStack.get().instanceUrl("chat-service", 0);
		String second = RunningStack.get().instanceUrl("chat-service", 1);
		try (EventStream onFirst = EventStream.open(first, room.id(), guest.token(), false, null, null);
				EventStream onSecond = EventStream.open(second, room.id(), room.host().token(), false, null, null)) {
			Gateway direct = new Gateway(second);
			assertThat(direct.post(messagesPath(room), room.host().token(), Map.of("content", "via the second"))
				.statusCode()).isEqualTo(201);
			assertThat(nextText(onFirst).data().get("content").asString()).isEqualTo("via the second");
			assertThat(new Gateway(first).post(messagesPath(room), guest.token(), Map.of("content", "via the first"))
				.statusCode()).isEqualTo(201);
			assertThat(nextText(onSecond).data().get("content").asString()).as("the sender's own message")
				.isEqualTo("via the second");
			assertThat(nextText(onSecond).data().get("content").asString()).isEqualTo("via the first");
		}
	}

	@Test
	void anIdleStreamGetsAHeartbeat() {
		Room room = rooms.open(0, Map.of());
		try (EventStream stream = EventStream.open(gateway.baseUrl(), room.id(), room.host().token())) {
			assertThat(stream.nextComment(WAIT)).isEqualTo("connected");
			assertThat(stream.nextComment(Duration.ofSeconds(20))).isEqualTo("ping");
		}
	}

	@Test
	void filesAreSharedAndDownloadedOnlyByParticipants() {
		Room room = rooms.open(1, Map.of());
		User guest = room.guests().get(0);
		byte[] content = "<script>alert('hi')</script>\n".repeat(1000).getBytes(StandardCharsets.UTF_8);
		HttpResponse<String> shared = upload(room, guest, "../notes.html", "text/html", content);
		assertThat(shared.statusCode()).as(shared.body()).isEqualTo(201);
		JsonNode message = Gateway.json(shared);
		assertThat(message.get("type").asString()).isEqualTo("file");
		JsonNode file = message.get("file");
		assertThat(file.get("name").asString()).isEqualTo("notes.html");
		assertThat(file.get("size").asLong()).isEqualTo(content.length);
		assertThat(file.get("content_type").asString()).isEqualTo("text/html");
		String url = file.get("url").asString();
		assertThat(url).isEqualTo(filesPath(room) + "/" + file.get("id").asString());

		HttpResponse<byte[]> download = gateway.sendBytes(gateway.request(url, room.host().token()).GET().build());
		assertThat(download.statusCode()).isEqualTo(200);
		assertThat(download.body()).isEqualTo(content);
		assertThat(download.headers().firstValue("Content-Disposition").orElseThrow()).startsWith("attachment")
			.contains("notes.html");
		assertThat(download.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
		assertProblem(gateway.get(url, rooms.newUser().token()), 403, "not-a-participant");
		assertProblem(gateway.get(filesPath(room) + "/" + UUID.randomUUID(), guest.token()), 404, "file-not-found");

		int before = history(room, guest, "").size();
		assertProblem(upload(room, guest, "big.bin", "application/octet-stream", new byte[25 * 1024 * 1024 + 1]), 413,
				null);
		assertField(upload(room, guest, "empty.txt", "text/plain", new byte[0]), "file");
		assertProblem(upload(room, rooms.newUser(), "a.txt", "text/plain", new byte[] { 1 }), 403, "not-a-participant");
		assertThat(history(room, guest, "")).hasSize(before);

		gateway.post("/api/meetings/" + room.id() + "/leave", guest.token(), Map.of());
		assertThat(gateway.sendBytes(gateway.request(url, guest.token()).GET().build()).statusCode())
			.as("a past participant still downloads")
			.isEqualTo(200);
	}

	/**
	 * A browser sends the file name as it is, in UTF-8: 255 characters of a script
	 * outside ASCII are over 700 bytes of part header, more than Tomcat accepts by
	 * default (once a 413, as if the file were too large).
	 */
	@Test
	void aFileKeepsAFullLengthNameInAnyScript() {
		Room room = rooms.open(1, Map.of());
		String name = "議事録".repeat(83) + ".md";
		HttpResponse<String> shared = upload(room, room.host(), name, "text/markdown",
				"# notes".getBytes(StandardCharsets.UTF_8));
		assertThat(shared.statusCode()).as(shared.body()).isEqualTo(201);
		assertThat(Gateway.json(shared).get("file").get("name").asString()).isEqualTo(name).hasSize(252);
		HttpResponse<String> longer = upload(room, room.host(), "議".repeat(300) + ".md", "text/markdown",
				"# more".getBytes(StandardCharsets.UTF_8));
		assertThat(longer.statusCode()).as(longer.body()).isEqualTo(201);
		assertThat(Gateway.json(longer).get("file").get("name").asString()).isEqualTo("議".repeat(255));
	}

	@Test
	void everyMessageIsPublishedOnChatEventsAsACloudEvent() {
		Room room = rooms.open(1, Map.of());
		try (KafkaConsumer<String, String> consumer = Topics.subscribe("chat.events")) {
			String id = Gateway.json(postMessage(room, room.guests().get(0), Map.of("content", "on the record")))
				.get("id")
				.asString();
			Instant deadline = Instant.now().plusSeconds(30);
			ConsumerRecord<String, String> found = null;
			while (found == null) {
				assertThat(Instant.now()).as("the event arrived").isBefore(deadline);
				for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
					if (Gateway.JSON.readTree(record.value()).get("message").get("id").asString().equals(id)) {
						found = record;
					}
				}
			}
			assertThat(found.key()).isEqualTo(room.id());
			assertThat(Topics.header(found, "ce_type")).isEqualTo("meet.chat.message.created");
			assertThat(Topics.header(found, "ce_source")).isEqualTo("chat-service");
			assertThat(Topics.header(found, "ce_specversion")).isEqualTo("1.0");
			assertThat(Topics.header(found, "ce_subject")).isEqualTo(room.id());
			assertThat(Topics.header(found, "ce_id")).isNotBlank();
		}
	}

	/**
	 * The next message someone posted, skipping system messages (such as news of a join
	 * that arrives just after the stream opened).
	 */
	private static EventStream.Event nextText(EventStream stream) {
		EventStream.Event message;
		do {
			message = stream.next("chat_message", WAIT);
		}
		while (message.data().get("type").asString().equals("system"));
		return message;
	}

	private static String messagesPath(Room room) {
		return "/api/meetings/" + room.id() + "/messages";
	}

	private static String filesPath(Room room) {
		return "/api/meetings/" + room.id() + "/files";
	}

	private static HttpResponse<String> postMessage(Room room, User user, Map<String, Object> body) {
		return gateway.post(messagesPath(room), user.token(), body);
	}

	private static List<JsonNode> history(Room room, User user, String query) {
		HttpResponse<String> response = gateway.get(messagesPath(room) + query, user.token());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return Gateway.json(response).valueStream().toList();
	}

	private static HttpResponse<String> upload(Room room, User user, String name, String type, byte[] content) {
		String boundary = "meet-" + UUID.randomUUID();
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name
				+ "\"\r\nContent-Type: " + type + "\r\n\r\n")
			.getBytes(StandardCharsets.UTF_8));
		body.writeBytes(content);
		body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
		return gateway.send(gateway.request(filesPath(room), user.token())
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
			.build());
	}

	private static void assertField(HttpResponse<String> response, String field) {
		assertProblem(response, 400, "validation-failed");
		assertThat(Gateway.json(response).get("errors").valueStream().map((error) -> error.get("field").asString()))
			.contains(field);
	}

}
