package app.meet.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import app.meet.devstack.Stack;
import app.meet.e2e.Rooms.Room;
import app.meet.e2e.Rooms.User;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One request with the client's own W3C {@code traceparent} is followed by its trace id
 * through the structured logs: the gateway's line for it, the producing service's line,
 * and, on the far side of the outbox and Kafka, the consuming service's line for the
 * event (with the request's id, carried as baggage) and the live stream's delivery. The
 * same trace's spans reach the OTLP endpoint the stack exports to.
 */
@Order(13)
class TracingEndToEndTests {

	private static final SecureRandom RANDOM = new SecureRandom();

	private static Stack stack;

	private static Gateway gateway;

	private static Rooms rooms;

	@BeforeAll
	static void stack() {
		stack = RunningStack.get();
		gateway = new Gateway(stack.gatewayUrl());
		rooms = new Rooms(gateway);
	}

	@Test
	void aClientsTraceFollowsAJoinThroughTheGatewayKafkaAndTheLiveStream() {
		Room room = rooms.open(0, Map.of());
		User guest = rooms.newUser();
		String traceId = randomHex(16);
		String requestId = "traced-" + UUID.randomUUID();
		try (EventStream stream = EventStream.open(gateway.baseUrl(), room.id(), room.host().token())) {
			HttpResponse<String> joined = gateway.send(gateway.request("/api/meetings/join", guest.token())
				.header("traceparent", "00-" + traceId + "-" + randomHex(8) + "-01")
				.header("X-Request-ID", requestId)
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString("{\"code\": \"" + room.code() + "\"}"))
				.build());
			assertThat(joined.statusCode()).as(joined.body()).isEqualTo(200);
			assertThat(stream.next("participant_joined", Duration.ofSeconds(10))).isNotNull();
		}

		await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
			assertThat(linesOfTrace(traceId, "gateway")).as("the gateway's line")
				.anySatisfy((line) -> assertThat(message(line)).startsWith("POST /api/meetings/join 200"));
			assertThat(linesOfTrace(traceId, "meeting-service")).as("the producing service's line")
				.anySatisfy((line) -> {
					assertThat(message(line)).startsWith("POST /api/meetings/join 200");
					assertThat(line.path("http.request.id").asString()).isEqualTo(requestId);
				});
			List<JsonNode> chat = linesOfTrace(traceId, "chat-service", "chat-service-2");
			assertThat(chat).as("the consumer's line, beyond Kafka, with the request's id").anySatisfy((line) -> {
				assertThat(message(line)).startsWith("Received meet.participant.joined");
				assertThat(line.path("http.request.id").asString()).isEqualTo(requestId);
			});
			assertThat(chat).as("the live stream's delivery")
				.anySatisfy((line) -> assertThat(message(line)).startsWith("Delivered participant_joined"));
		});
		await().atMost(Duration.ofSeconds(20))
			.pollInterval(Duration.ofMillis(500))
			.untilAsserted(() -> assertThat(RunningStack.traces().spans(traceId)).as("the spans exported over OTLP")
				.contains("gateway: http post", "meeting-service: http post /api/meetings/join",
						"meeting-service: meeting.events send", "chat-service: meeting.events process"));
	}

	/**
	 * A frame that goes from a socket on one signaling instance to a socket on the other
	 * starts a trace that continues on the receiving instance, through Redis.
	 */
	@Test
	void aSignalRelayedToAnotherInstanceContinuesItsTrace() throws Exception {
		Room room = rooms.open(0, Map.of());
		User guest = rooms.newUser();
		try (Call call = Call.open(rooms, room, guest, stack.instanceUrl("signaling-service", 0),
				stack.instanceUrl("signaling-service", 1))) {
			call.guest().send(Map.of("type", "offer", "to", room.host().id(), "data", Map.of("sdp", "traced")));
			assertThat(call.host().await("offer", Duration.ofSeconds(10)).get("data").get("sdp").asString())
				.isEqualTo("traced");
		}
		await().atMost(Duration.ofSeconds(20))
			.pollInterval(Duration.ofMillis(500))
			.untilAsserted(() -> assertThat(RunningStack.traces()
				.traceWith("signaling-service: signaling offer", "signaling-service: signaling relayed send"))
				.as("an offer's trace with its relay to the other instance")
				.isPresent());
	}

	/** The JSON log lines of the instances that carry the trace id. */
	private static List<JsonNode> linesOfTrace(String traceId, String... instances) {
		return Stream.of(instances)
			.map((instance) -> stack.logs().resolve(instance + ".log"))
			.filter(Files::exists)
			.flatMap(TracingEndToEndTests::lines)
			.filter((line) -> line.startsWith("{") && line.contains(traceId))
			.map(Gateway.JSON::readTree)
			.filter((line) -> traceId.equals(line.path("trace.id").asString()))
			.toList();
	}

	private static Stream<String> lines(Path log) {
		try {
			return Files.readAllLines(log).stream();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String message(JsonNode line) {
		return line.path("message").asString();
	}

	private static String randomHex(int bytes) {
		byte[] random = new byte[bytes];
		RANDOM.nextBytes(random);
		return HexFormat.of().formatHex(random);
	}

}
