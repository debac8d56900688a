package app.meet.e2e;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import app.meet.devstack.Stack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole stack, each service its own JVM (chat-service twice), against real servers,
 * seen only through the gateway. The last tests stop services one by one, so they run in
 * order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Order(Integer.MAX_VALUE)
class GatewayEndToEndTests {

	/**
	 * A path routed to each service, and what a request there must not be once it is
	 * gone.
	 */
	private static final Map<String, List<String>> PATHS_BY_SERVICE = Map.of("auth-service",
			List.of("/api/auth/me", "/api/users/0b7e3f8e-0000-4000-8000-000000000001", "/.well-known/jwks.json"),
			"meeting-service", List.of("/api/meetings", "/api/meetings/code/abc-defg-hij"), "chat-service",
			List.of("/api/meetings/not-a-meeting-id/messages",
					"/api/meetings/0b7e3f8e-0000-4000-8000-000000000001/events"),
			"signaling-service", List.of("/ws", "/api/rtc/ice-servers"), "recording-service",
			List.of("/api/meetings/0b7e3f8e-0000-4000-8000-000000000001/recordings",
					"/api/recordings/0b7e3f8e-0000-4000-8000-000000000001"));

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private static Stack stack;

	private static String accessToken;

	@BeforeAll
	static void startStack() {
		stack = RunningStack.get();
		accessToken = new Gateway(stack.gatewayUrl()).register().get("access_token").asString();
	}

	@AfterAll
	static void stopStackAndCheckNothingIsLeft() {
		if (stack == null) {
			return;
		}
		List<Long> pids = stack.pids();
		RunningStack.close();
		assertThat(pids).allSatisfy(
				(pid) -> assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).as("process %d after stop", pid)
					.isNotEqualTo(java.util.Optional.of(true)));
	}

	@Test
	@Order(1)
	void theStackIsHealthyWhenTheGatewayAndEveryServiceAreReady() throws Exception {
		HttpResponse<String> ready = get("/health/stack");
		assertThat(ready.statusCode()).isEqualTo(200);
		assertThat(ready.body()).contains("\"status\":\"ready\"");
		PATHS_BY_SERVICE.keySet()
			.forEach((service) -> assertThat(ready.body()).contains("\"" + service + "\":\"ready\""));
		assertThat(get("/health").statusCode()).isEqualTo(200);
		assertThat(get("/ready").body()).isEqualTo("{\"status\":\"ready\"}");
	}

	@Test
	@Order(2)
	void everyRoutedPathIsAnsweredByAService() throws Exception {
		for (List<String> paths : PATHS_BY_SERVICE.values()) {
			for (String path : paths) {
				HttpResponse<String> response = get(path);
				assertThat(response.statusCode()).as(path).isLessThan(500);
				assertThat(response.headers().firstValue("Content-Type")).as(path)
					.hasValueSatisfying((type) -> assertThat(type).matches("application/(problem\\+)?json.*"));
			}
		}
	}

	@Test
	@Order(3)
	void unknownPathIsProblemJsonWithTheRequestIdEchoedOnce() throws Exception {
		HttpResponse<String> response = http.send(
				HttpRequest.newBuilder(uri("/no/such/thing")).header("X-Request-ID", "e2e-request-7").build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.headers().allValues("X-Request-ID")).containsExactly("e2e-request-7");
		assertThat(response.body()).contains("\"code\":\"not-found\"").contains("\"request_id\":\"e2e-request-7\"");
	}

	@Test
	@Order(3)
	void aPathTheFirewallRejectsIsProblemJson() throws Exception {
		HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/api/meetings//messages")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(response.body()).contains("\"code\":\"malformed-request\"");
	}

	/**
	 * What odd clients send, written on a raw socket so that nothing tidies it on the
	 * way: requests Reactor Netty cannot decode and paths that are no URI (both answered
	 * below the gateway's handlers), an {@code Expect} the service's Tomcat refuses, a
	 * WebSocket handshake on a path that carries none.
	 */
	@Test
	@Order(3)
	void oddRequestsAreAnsweredWithProblemJson() throws Exception {
		assertProblemOnTheWire("GET /api/meetings/code/" + "a".repeat(5000), "", 414, "uri-too-long");
		assertProblemOnTheWire("GET /api/meetings", "X-Padding: " + "p".repeat(10_000), 431, "headers-too-large");
		assertProblemOnTheWire("GET /api/meetings", "Bad\u0001Name: x", 400, "malformed-request");
		assertProblemOnTheWire("GET /api/meetings/code/a|b", "", 400, "malformed-request");
		assertProblemOnTheWire("GET /api/meetings?limit=%zz", "", 400, "malformed-request");
		assertProblemOnTheWire("GET /.well-known/jwks.json", "Expect: teapot", 417, "expectation-failed");
		assertProblemOnTheWire("GET /.well-known/jwks.json",
				"Upgrade: websocket\r\nConnection: Upgrade\r\n"
						+ "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13",
				400, "malformed-request");
		HttpResponse<String> afterwards = get("/api/meetings");
		assertThat(afterwards.statusCode()).isEqualTo(200);
	}

	/**
	 * A request whose head is readable and whose chunked body is not: the gateway has
	 * passed it on to the service when Reactor Netty answers it; the service's answer,
	 * which has nowhere to go, is dropped quietly instead of logged as a server error.
	 */
	@Test
	@Order(3)
	void aRequestWithAnUnreadableBodyIsAnsweredWithoutAServerError() throws Exception {
		String probe = "probe=" + UUID.randomUUID();
		assertProblemOnTheWire(
				"POST /api/meetings?" + probe + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
						+ "Authorization: Bearer " + accessToken + "\r\nContent-Type: application/json\r\n"
						+ "Transfer-Encoding: chunked\r\n\r\nzz\r\n{\"title\":\"Broken\"}\r\n0\r\n\r\n",
				400, "malformed-request");
		Path log = stack.logs().resolve("gateway.log");
		await().during(Duration.ofSeconds(3))
			.atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(Files.readString(log)).doesNotContain(probe));
	}

	/**
	 * The gateway adds forwarding headers to what it passes on, so the services must
	 * accept more than the gateway does: every size up to the gateway's limit reaches the
	 * service, beyond it the gateway refuses, never a service (which once answered with
	 * an HTML page), whatever the number of headers.
	 */
	@Test
	@Order(3)
	void headersUpToTheGatewaysLimitReachTheService() throws Exception {
		List<Integer> statuses = new java.util.ArrayList<>();
		for (int padding = 7000; padding <= 8200; padding += 100) {
			HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/api/meetings/code/abc-defg-hij"))
				.header("Authorization", "Bearer " + accessToken)
				.header("X-Padding", "p".repeat(padding))
				.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(response.headers().firstValue("Content-Type")).as("padding %d", padding)
				.hasValue("application/problem+json");
			String expectedCode = (response.statusCode() == 404) ? "meeting-not-found" : "headers-too-large";
			assertThat(response.body()).as("padding %d", padding).contains("\"code\":\"" + expectedCode + "\"");
			statuses.add(response.statusCode());
		}
		assertThat(statuses).contains(404, 431).containsOnly(404, 431);
		HttpRequest.Builder manyHeaders = HttpRequest.newBuilder(uri("/api/meetings/code/abc-defg-hij"))
			.header("Authorization", "Bearer " + accessToken);
		for (int i = 0; i < 200; i++) {
			manyHeaders.header("X-Header-" + i, "v");
		}
		HttpResponse<String> response = http.send(manyHeaders.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.body()).contains("\"code\":\"meeting-not-found\"");
	}

	private static void assertProblemOnTheWire(String methodAndTarget, String header, int status, String code)
			throws IOException {
		assertProblemOnTheWire(methodAndTarget + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
				+ (header.isEmpty() ? "" : header + "\r\n") + "\r\n", status, code);
	}

	private static void assertProblemOnTheWire(String request, int status, String code) throws IOException {
		URI gateway = URI.create(stack.gatewayUrl());
		try (Socket socket = new Socket(gateway.getHost(), gateway.getPort())) {
			socket.setSoTimeout(10_000);
			socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
			String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			String head = response.substring(0, response.indexOf("\r\n\r\n"));
			String body = response.substring(head.length() + 4);
			JsonNode problem = Gateway.JSON
				.readTree(head.toLowerCase(Locale.ROOT).contains("transfer-encoding: chunked") ? dechunk(body) : body);
			assertThat(head).startsWith("HTTP/1.1 " + status + " ")
				.containsIgnoringCase("content-type: application/problem+json")
				.containsIgnoringCase("x-request-id: " + problem.get("request_id").asString());
			assertThat(problem.get("status").asInt()).isEqualTo(status);
			assertThat(problem.get("code").asString()).isEqualTo(code);
			assertThat(problem.get("message").asString()).isNotBlank();
		}
	}

	@Test
	@Order(4)
	void theGatewaysRequestIdReachesTheService() throws Exception {
		HttpResponse<String> response = get("/api/meetings/code/abc-defg-hij");
		List<String> ids = response.headers().allValues("X-Request-ID");
		assertThat(ids).hasSize(1);
		assertThat(response.body()).contains("\"request_id\":\"" + ids.get(0) + "\"");
	}

	@Test
	@Order(5)
	void corsPreflightIsAnsweredWithoutCredentialsAndErrorsCarryTheOriginHeader() throws Exception {
		HttpResponse<String> preflight = http.send(HttpRequest.newBuilder(uri("/api/meetings"))
			.method("OPTIONS", HttpRequest.BodyPublishers.noBody())
			.header("Origin", "http://localhost:3000")
			.header("Access-Control-Request-Method", "POST")
			.header("Access-Control-Request-Headers", "authorization,content-type")
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(preflight.statusCode()).isEqualTo(200);
		assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue("http://localhost:3000");
		HttpResponse<String> error = http.send(
				HttpRequest.newBuilder(uri("/no/such/thing")).header("Origin", "http://localhost:3000").build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(error.headers().firstValue("Access-Control-Allow-Origin")).hasValue("http://localhost:3000");
	}

	@Test
	@Order(6)
	void proxiedRequestsAndTheGatewaysOwnRequestsAreBothMeasured() throws Exception {
		get("/api/meetings");
		String metrics = http
			.send(HttpRequest.newBuilder(URI.create(stack.gatewayManagementUrl() + "/actuator/prometheus")).build(),
					HttpResponse.BodyHandlers.ofString())
			.body();
		assertThat(metrics).contains("spring_cloud_gateway_http_client_requests_seconds_count{")
			.contains("spring_cloud_gateway_http_client_requests_active_seconds_count{")
			.contains("spring_cloud_gateway_route_id=\"meeting-service\"");
		// the readiness probes of the services' instances
		assertThat(metrics).contains("http_client_requests_seconds_count{client_name=\"127.0.0.1\"");
	}

	@Test
	@Order(6)
	void theGatewaysHealthDetailsAndMetricsAreNotOnItsPublicPort() throws Exception {
		for (String path : List.of("/actuator/health", "/actuator/health/readiness", "/actuator/prometheus")) {
			HttpResponse<String> response = get(path);
			assertThat(response.statusCode()).as(path).isEqualTo(404);
			assertThat(response.body()).as(path).contains("\"code\":\"not-found\"");
		}
		HttpResponse<String> health = http.send(
				HttpRequest.newBuilder(URI.create(stack.gatewayManagementUrl() + "/actuator/health/readiness")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(health.statusCode()).isEqualTo(200);
	}

	/**
	 * Here rather than with the other signaling tests, because it kills an instance: the
	 * users whose sockets it held are announced as left once its presence in Redis
	 * expires.
	 */
	@Test
	@Order(9)
	void signalingUsersOfACrashedInstanceAreAnnouncedAsLeftWithinThirtySeconds() throws Exception {
		Gateway gateway = new Gateway(stack.gatewayUrl());
		JsonNode host = gateway.register();
		JsonNode guest = gateway.register();
		String hostToken = host.get("access_token").asString();
		JsonNode meeting = Gateway.json(gateway.post("/api/meetings", hostToken,
				Map.of("title", "Crash", "settings", Map.of("waiting_room_enabled", false))));
		String meetingId = meeting.get("id").asString();
		try (SignalSocket hostSocket = SignalSocket.open(stack.instanceUrl("signaling-service", 0), meetingId,
				hostToken, true);
				SignalSocket guestSocket = SignalSocket.open(stack.instanceUrl("signaling-service", 1), meetingId,
						guest.get("access_token").asString(), true)) {
			hostSocket.send(Map.of("type", "host-join", "data", Map.of()));
			// the host is in first, so the guest is the newcomer told to offer
			hostSocket.send(Map.of("type", "ping"));
			hostSocket.await("pong", Duration.ofSeconds(10));
			guestSocket.send(Map.of("type", "join-request", "data", Map.of()));
			guestSocket.await("join-approved", Duration.ofSeconds(10));
			guestSocket.await("peer-joined", Duration.ofSeconds(10));

			long crashedAt = System.nanoTime();
			stack.killInstance("signaling-service-2");
			JsonNode left = hostSocket.await("peer-left", Duration.ofSeconds(30));
			assertThat(left.get("data").get("user_id").asString()).isEqualTo(guest.get("user").get("id").asString());
			assertThat(Duration.ofNanos(System.nanoTime() - crashedAt)).isLessThan(Duration.ofSeconds(30));
		}
	}

	@Test
	@Order(10)
	void aServiceKeepsBeingServedWhileOneOfItsInstancesIsDown() throws Exception {
		stack.stopInstance("chat-service-2");
		String path = PATHS_BY_SERVICE.get("chat-service").get(0);
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(
					() -> assertThat(statusesOf(path, 6)).allSatisfy((status) -> assertThat(status).isLessThan(500)));
		assertThat(get("/health/stack").statusCode()).isEqualTo(200);
	}

	@Test
	@Order(11)
	void eachServiceStoppedInTurnTakesExactlyItsRoutesDownAndTheStackCheckNamesIt() throws Exception {
		List<String> order = List.of("chat-service", "recording-service", "signaling-service", "meeting-service",
				"auth-service");
		for (int stopped = 0; stopped < order.size(); stopped++) {
			String service = order.get(stopped);
			stack.stopInstance(service);
			for (String path : PATHS_BY_SERVICE.get(service)) {
				HttpResponse<String> response = get(path);
				assertThat(response.statusCode()).as("%s after stopping %s", path, service).isEqualTo(503);
				assertThat(response.body()).contains("\"code\":\"service-unavailable\"");
			}
			for (String running : order.subList(stopped + 1, order.size())) {
				for (String path : PATHS_BY_SERVICE.get(running)) {
					assertThat(get(path).statusCode()).as("%s after stopping %s", path, service).isLessThan(500);
				}
			}
			assertThat(get("/ready").statusCode()).as("the gateway itself still takes traffic").isEqualTo(200);
			HttpResponse<String> ready = get("/health/stack");
			assertThat(ready.statusCode()).isEqualTo(503);
			assertThat(ready.headers().firstValue("Content-Type")).hasValue("application/problem+json");
			assertThat(ready.body()).contains("\"" + service + "\":\"not ready\"").contains("Not ready: ");
		}
	}

	/**
	 * Its balancers' readiness probes stop first, so the event loops go quiet at once
	 * instead of waiting out their shutdown timeout with probes failing on them.
	 */
	@Test
	@Order(12)
	void theGatewayStopsPromptlyAndCleanly() throws Exception {
		long stopping = System.nanoTime();
		stack.stopInstance("gateway");
		assertThat(Duration.ofNanos(System.nanoTime() - stopping)).isLessThan(Duration.ofSeconds(10));
		assertThat(Files.readString(stack.logs().resolve("gateway.log"))).contains("Graceful shutdown complete")
			.doesNotContain("couldn't be disposed")
			.doesNotContain("RejectedExecutionException");
	}

	private static String dechunk(String chunked) {
		StringBuilder body = new StringBuilder();
		int at = 0;
		while (true) {
			int lineEnd = chunked.indexOf("\r\n", at);
			int size = Integer.parseInt(chunked.substring(at, lineEnd).trim(), 16);
			if (size == 0) {
				return body.toString();
			}
			body.append(chunked, lineEnd + 2, lineEnd + 2 + size);
			at = lineEnd + 2 + size + 2;
		}
	}

	private static List<Integer> statusesOf(String path, int times) throws Exception {
		List<Integer> statuses = new java.util.ArrayList<>();
		for (int i = 0; i < times; i++) {
			statuses.add(get(path).statusCode());
		}
		return statuses;
	}

	private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return http.send(HttpRequest.newBuilder(uri(path))
			.header("Authorization", "Bearer " + accessToken)
			.timeout(Duration.ofSeconds(10))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static URI uri(String path) {
		return URI.create(stack.gatewayUrl() + path);
	}

}
