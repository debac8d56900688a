package app.meet.e2e;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import app.meet.devstack.Stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What an attacker tries through the gateway and past it, against the real servers. Each
 * test that counts login failures calls from loopback addresses of its own, so that no
 * test's failures count against another's.
 */
@Order(8)
class SecurityEndToEndTests {

	private static final String PASSWORD = "correct horse battery";

	private static final String WRONG_PASSWORD = "wrong password";

	/** A few times the services' revocation check interval. */
	private static final Duration REVOCATION_NOTICE = Duration.ofSeconds(10);

	private static Stack stack;

	private static Gateway gateway;

	@BeforeAll
	static void stack() {
		stack = RunningStack.get();
		gateway = new Gateway(stack.gatewayUrl());
	}

	@Test
	void failedLoginsFromOneClientDoNotLockOutTheSameAccountElsewhereWhateverTheClientClaims() {
		JsonNode victim = gateway.register().get("user");
		Gateway attacker = gateway.from("127.0.0.11");
		for (int attempt = 1; attempt <= 5; attempt++) {
			assertThat(login(attacker, victim.get("email").asString(), WRONG_PASSWORD, randomAddress()).statusCode())
				.isEqualTo(401);
		}
		HttpResponse<String> throttled = login(attacker, victim.get("email").asString(), PASSWORD, randomAddress());
		Gateway.assertProblem(throttled, 429, "too-many-login-attempts");
		assertThat(throttled.headers().firstValue("Retry-After"))
			.hasValueSatisfying((seconds) -> assertThat(Integer.parseInt(seconds)).isBetween(1, 900));

		assertThat(login(gateway.from("127.0.0.12"), victim.get("email").asString(), PASSWORD, null).statusCode())
			.as("the owner, elsewhere")
			.isEqualTo(200);
	}

	@Test
	void failedLoginsFromOneAddressOnManyAccountsAreRefusedAfterTheAddressLimit() {
		Gateway attacker = gateway.from("127.0.0.13");
		for (int attempt = 1; attempt <= 20; attempt++) {
			assertThat(login(attacker, unknownEmail(), WRONG_PASSWORD, randomAddress()).statusCode()).isEqualTo(401);
		}
		Gateway.assertProblem(login(attacker, unknownEmail(), WRONG_PASSWORD, randomAddress()), 429,
				"too-many-login-attempts");
		assertThat(login(gateway.from("127.0.0.14"), unknownEmail(), WRONG_PASSWORD, null).statusCode()).isEqualTo(401);
	}

	@Test
	void parallelFailedLoginsAreCountedExactlyAndEveryCounterExpires() throws Exception {
		Gateway attacker = gateway.from("127.0.0.22");
		int parallel = 15;
		ExecutorService pool = Executors.newFixedThreadPool(parallel);
		try {
			List<Callable<Integer>> attempts = new ArrayList<>();
			for (int i = 0; i < parallel; i++) {
				attempts.add(() -> login(attacker, unknownEmail(), WRONG_PASSWORD, null).statusCode());
			}
			for (Future<Integer> status : pool.invokeAll(attempts)) {
				assertThat(status.get()).isEqualTo(401);
			}
		}
		finally {
			pool.shutdownNow();
		}
		for (int attempt = parallel + 1; attempt <= 20; attempt++) {
			assertThat(login(attacker, unknownEmail(), WRONG_PASSWORD, null).statusCode()).as("failure %d", attempt)
				.isEqualTo(401);
		}
		Gateway.assertProblem(login(attacker, unknownEmail(), WRONG_PASSWORD, null), 429, "too-many-login-attempts");

		for (String pattern : List.of("meet:login:*", "meet:rate:*")) {
			String keys = stack.infrastructure().redis().execute("KEYS", pattern);
			List<String> names = keys.lines().filter((line) -> line.startsWith("meet:")).toList();
			assertThat(names).as(pattern).isNotEmpty();
			for (String key : names) {
				assertThat(stack.infrastructure().redis().execute("PTTL", key).strip()).as(key).doesNotStartWith(":-");
			}
		}
	}

	@Test
	void calledDirectlyAuthServiceBelievesNoForwardedAddress() {
		String userToken = gateway.register().get("access_token").asString();
		Gateway direct = new Gateway(stack.instanceUrl("auth-service", 0)).from("127.0.0.15");
		for (int attempt = 1; attempt <= 20; attempt++) {
			HttpResponse<String> response = direct.send(direct.request("/api/auth/login", null)
				.header("Content-Type", "application/json")
				.header("X-Forwarded-For", randomAddress())
				.header("Forwarded", "for=" + randomAddress())
				.header("X-Gateway-Token", userToken)
				.POST(HttpRequest.BodyPublishers.ofString(
						Gateway.JSON.writeValueAsString(Map.of("email", unknownEmail(), "password", WRONG_PASSWORD))))
				.build());
			assertThat(response.statusCode()).isEqualTo(401);
		}
		Gateway.assertProblem(login(direct, unknownEmail(), WRONG_PASSWORD, randomAddress()), 429,
				"too-many-login-attempts");
	}

	@Test
	void loginFailuresCountPerAccountWhetherItIsNamedByEmailOrUsername() {
		JsonNode user = gateway.register().get("user");
		Gateway client = gateway.from("127.0.0.16");
		for (int attempt = 1; attempt <= 5; attempt++) {
			String name = (attempt % 2 == 0) ? user.get("email").asString().toUpperCase()
					: user.get("username").asString();
			String field = name.contains("@") ? "email" : "username";
			HttpResponse<String> response = client.post("/api/auth/login", null,
					Map.of(field, name, "password", WRONG_PASSWORD));
			assertThat(response.statusCode()).isEqualTo(401);
		}
		Gateway.assertProblem(login(client, user.get("email").asString(), PASSWORD, null), 429,
				"too-many-login-attempts");
	}

	/**
	 * Beyond twice the per-address limit, failures from anywhere make each next attempt
	 * on the account wait, doubling from a second, except from where its owner logged in.
	 */
	@Test
	void attackersFromManyAddressesSlowAnAccountDownButItsOwnerStillLogsInFromHome() {
		JsonNode user = gateway.register().get("user");
		String email = user.get("email").asString();
		Gateway home = gateway.from("127.0.0.17");
		assertThat(login(home, email, PASSWORD, null).statusCode()).isEqualTo(200);

		for (String address : List.of("127.0.0.18", "127.0.0.19")) {
			Gateway attacker = gateway.from(address);
			for (int attempt = 1; attempt <= 5; attempt++) {
				assertThat(login(attacker, email, WRONG_PASSWORD, null).statusCode()).isEqualTo(401);
			}
		}
		Gateway third = gateway.from("127.0.0.20");
		// once the first delay (a second) has passed, a failure makes the next wait two
		await().atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> login(third, email, WRONG_PASSWORD, null).statusCode() == 401);
		HttpResponse<String> slowed = login(third, email, PASSWORD, null);
		Gateway.assertProblem(slowed, 429, "too-many-login-attempts");
		assertThat(slowed.headers().firstValue("Retry-After"))
			.hasValueSatisfying((seconds) -> assertThat(Integer.parseInt(seconds)).isBetween(1, 2));

		assertThat(login(home, email, PASSWORD, null).statusCode()).as("the owner, from home").isEqualTo(200);
	}

	@Test
	void commonPasswordsAndPasswordsThatAreTheEmailOrUsernameAreRefused() {
		String handle = "p" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
		for (String password : List.of("password", "12345678", "Password1", "QWERTYUIOP", handle,
				handle.toUpperCase() + "@example.com")) {
			HttpResponse<String> response = gateway.post("/api/auth/register", null, Map.of("email",
					handle + "@example.com", "username", handle, "password", password, "name", "Common"));
			Gateway.assertProblem(response, 400, "validation-failed");
			assertThat(Gateway.json(response).get("errors").get(0).get("field").asString()).as(password)
				.isEqualTo("password");
		}
		assertThat(
				gateway.post("/api/auth/login", null, Map.of("email", handle + "@example.com", "password", "password"))
					.statusCode())
			.as("no account was made")
			.isEqualTo(401);
	}

	@Test
	void tabsRefreshingWithTheSameTokenAtOnceAllGetTheSameSuccessor() throws Exception {
		String token = gateway.register().get("refresh_token").asString();
		int parallel = 8;
		ExecutorService pool = Executors.newFixedThreadPool(parallel);
		try {
			List<Callable<HttpResponse<String>>> attempts = new ArrayList<>();
			for (int i = 0; i < parallel; i++) {
				attempts.add(() -> gateway.post("/api/auth/refresh", null, Map.of("refresh_token", token)));
			}
			List<String> successors = new ArrayList<>();
			for (Future<HttpResponse<String>> result : pool.invokeAll(attempts)) {
				assertThat(result.get().statusCode()).as(result.get().body()).isEqualTo(200);
				successors.add(Gateway.json(result.get()).get("refresh_token").asString());
			}
			assertThat(successors).containsOnly(successors.getFirst());
			assertThat(gateway.post("/api/auth/refresh", null, Map.of("refresh_token", successors.getFirst()))
				.statusCode()).as("the successor works").isEqualTo(200);
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void reusingASpentRefreshTokenAfterTheGracePeriodEndsTheLoginsAccessTokensEverywhere() throws Exception {
		JsonNode login = gateway.register();
		String first = login.get("refresh_token").asString();
		JsonNode refreshed = Gateway.json(gateway.post("/api/auth/refresh", null, Map.of("refresh_token", first)));
		String access = refreshed.get("access_token").asString();
		assertThat(gateway.get("/api/meetings", access).statusCode()).isEqualTo(200);

		Thread.sleep(RunningStack.REFRESH_REUSE_GRACE.plusMillis(500));
		assertThat(gateway.post("/api/auth/refresh", null, Map.of("refresh_token", first)).statusCode()).isEqualTo(401);

		assertThat(gateway
			.post("/api/auth/refresh", null, Map.of("refresh_token", refreshed.get("refresh_token").asString()))
			.statusCode()).isEqualTo(401);
		for (String token : List.of(access, login.get("access_token").asString())) {
			assertThat(gateway.get("/api/meetings", token).statusCode()).isEqualTo(401);
			assertRefusedByEveryServiceDirectly(token);
		}
	}

	@Test
	void logoutWithoutABodyEndsTheWholeLogin() {
		JsonNode login = gateway.register();
		JsonNode refreshed = Gateway.json(gateway.post("/api/auth/refresh", null,
				Map.of("refresh_token", login.get("refresh_token").asString())));
		String access = refreshed.get("access_token").asString();
		String other = login.get("access_token").asString();

		HttpResponse<String> logout = gateway
			.send(gateway.request("/api/auth/logout", access).POST(HttpRequest.BodyPublishers.noBody()).build());
		assertThat(logout.statusCode()).isEqualTo(200);

		assertThat(gateway
			.post("/api/auth/refresh", null, Map.of("refresh_token", refreshed.get("refresh_token").asString()))
			.statusCode()).isEqualTo(401);
		for (String token : List.of(access, other)) {
			assertThat(gateway.get("/api/auth/me", token).statusCode()).isEqualTo(401);
			assertRefusedByEveryServiceDirectly(token);
		}
	}

	@Test
	void aRemovedParticipantReadsNothingMoreOfTheMeetingWhileOneWhoLeftStillDoes() {
		Rooms.Room room = new Rooms(gateway).open(2, Map.of());
		Rooms.User removed = room.guests().get(0);
		Rooms.User leaver = room.guests().get(1);
		String meeting = "/api/meetings/" + room.id();
		assertThat(gateway.post(meeting + "/messages", room.host().token(), Map.of("content", "before")).statusCode())
			.isEqualTo(201);
		assertThat(gateway.post(meeting + "/leave", leaver.token(), Map.of()).statusCode()).isEqualTo(200);
		assertThat(gateway.post(meeting + "/participants/" + removed.id() + "/remove", room.host().token(), Map.of())
			.statusCode()).isEqualTo(200);
		assertThat(gateway.post(meeting + "/messages", room.host().token(), Map.of("content", "after")).statusCode())
			.isEqualTo(201);

		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> Gateway.assertProblem(gateway.get(meeting + "/messages", removed.token()), 403,
					"not-a-participant"));
		Gateway.assertProblem(gateway.get(meeting + "/recordings", removed.token()), 403, "not-a-participant");
		Gateway.assertProblem(gateway.get(meeting, removed.token()), 404, "meeting-not-found");
		Gateway.assertProblem(gateway.get(meeting + "/participants", removed.token()), 404, "meeting-not-found");
		assertThat(Gateway.json(gateway.get("/api/meetings", removed.token())).findValuesAsString("id"))
			.doesNotContain(room.id());

		assertThat(gateway.get(meeting + "/messages", leaver.token()).statusCode()).isEqualTo(200);
		assertThat(gateway.get(meeting + "/recordings", leaver.token()).statusCode()).isEqualTo(200);
		assertThat(gateway.get(meeting, leaver.token()).statusCode()).isEqualTo(200);
	}

	@Test
	void loggingOutClosesTheUsersSocketsAndEventStreamsWithinSeconds() throws Exception {
		Rooms rooms = new Rooms(gateway);
		Rooms.Room room = rooms.open(1, Map.of());
		Rooms.User guest = room.guests().getFirst();
		try (SignalSocket hostSocket = SignalSocket.open(gateway.baseUrl(), room.id(), room.host().token());
				SignalSocket guestSocket = SignalSocket.open(gateway.baseUrl(), room.id(), guest.token());
				EventStream hostStream = EventStream.open(gateway.baseUrl(), room.id(), room.host().token());
				EventStream guestStream = EventStream.open(gateway.baseUrl(), room.id(), guest.token())) {
			hostSocket.send(Map.of("type", "host-join", "data", Map.of()));
			guestSocket.send(Map.of("type", "join-request", "data", Map.of()));
			guestSocket.await("join-approved", REVOCATION_NOTICE);

			assertThat(gateway.post("/api/auth/logout", room.host().token(), Map.of()).statusCode()).isEqualTo(200);

			assertThat(hostSocket.awaitClose(REVOCATION_NOTICE)).isEqualTo(1008);
			assertThat(hostStream.endsWithin(REVOCATION_NOTICE)).isTrue();
			guestSocket.send(Map.of("type", "ping", "data", Map.of()));
			assertThat(guestSocket.await("pong", REVOCATION_NOTICE)).as("another user's socket stays").isNotNull();
			assertThat(guestStream.endsWithin(Duration.ofSeconds(1))).isFalse();
		}
	}

	@Test
	void serviceTokensOpenOnlyTheirScopesInternalPathsAndNeverUserPaths() {
		Gateway auth = new Gateway(stack.instanceUrl("auth-service", 0));
		Gateway meetings = new Gateway(stack.instanceUrl("meeting-service", 0));
		String meeting = UUID.randomUUID().toString();
		String user = UUID.randomUUID().toString();

		String participants = serviceToken(auth, "signaling-service", "signaling-service-dev-secret",
				"meeting.participants");
		assertThat(meetings.get("/internal/meetings/" + meeting + "/admissions/" + user, participants).statusCode())
			.as("another scope's path")
			.isEqualTo(403);
		assertThat(meetings
			.send(meetings.request("/internal/meetings/" + meeting + "/participants/" + user + "/leave", participants)
				.POST(HttpRequest.BodyPublishers.noBody())
				.build())
			.statusCode()).as("its own scope's path").isNotIn(401, 403);

		String forwarding = serviceToken(auth, "gateway", "gateway-dev-secret", null);
		assertThat(meetings.get("/internal/meetings/" + meeting + "/admissions/" + user, forwarding).statusCode())
			.isEqualTo(403);
		for (String token : List.of(participants, forwarding)) {
			assertThat(gateway.get("/api/meetings", token).statusCode()).as("at the gateway").isEqualTo(401);
			assertThat(meetings.get("/api/meetings", token).statusCode()).as("directly").isEqualTo(403);
		}

		HttpResponse<String> beyond = tokenRequest(auth, "signaling-service", "signaling-service-dev-secret",
				"gateway.forwarding");
		assertThat(beyond.statusCode()).isEqualTo(400);
		assertThat(Gateway.json(beyond).get("code").asString()).isEqualTo("invalid_scope");
	}

	@Test
	void wrongServiceSecretsFromOneAddressAreThrottled() {
		Gateway auth = new Gateway(stack.instanceUrl("auth-service", 0)).from("127.0.0.21");
		for (int attempt = 1; attempt <= 10; attempt++) {
			assertThat(tokenRequest(auth, "gateway", "not-the-secret-" + attempt, null).statusCode()).isEqualTo(401);
		}
		HttpResponse<String> throttled = tokenRequest(auth, "gateway", "gateway-dev-secret", null);
		assertThat(throttled.statusCode()).isEqualTo(429);
		assertThat(throttled.headers().firstValue("Retry-After")).isPresent();
	}

	@Test
	void redisRefusesClientsWithoutItsPassword() throws Exception {
		assertThat(stack.infrastructure().redis().answersWithoutPassword()).isFalse();
	}

	@Test
	void aSecurityLayer401CarriesCorsHeadersForTheFrontendsOrigin() {
		for (String token : List.of("", "Bearer not-a-token")) {
			HttpRequest.Builder request = gateway.request("/api/auth/me", null)
				.header("Origin", "http://localhost:5173");
			if (!token.isEmpty()) {
				request.header("Authorization", token);
			}
			HttpResponse<String> response = gateway.send(request.GET().build());
			assertThat(response.statusCode()).isEqualTo(401);
			assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue("http://localhost:5173");
		}
	}

	@Test
	void aFloodOfTokensWithUnknownKeyIdsCostsTheGatewayAtMostOneKeySetFetch() {
		String valid = gateway.register().get("access_token").asString();
		String[] parts = valid.split("\\.");
		// one request of its own, so that the count can be seen to move at all
		assertThat(new Gateway(stack.instanceUrl("auth-service", 0)).get("/.well-known/jwks.json", null).statusCode())
			.isEqualTo(200);
		double before = jwksRequestsServed();
		assertThat(before).as("auth-service counts the key set requests it serves").isPositive();
		for (int i = 0; i < 40; i++) {
			String header = Base64.getUrlEncoder()
				.withoutPadding()
				.encodeToString(
						("{\"alg\":\"ES256\",\"kid\":\"" + UUID.randomUUID() + "\"}").getBytes(StandardCharsets.UTF_8));
			assertThat(gateway.get("/api/auth/me", header + "." + parts[1] + "." + parts[2]).statusCode())
				.isEqualTo(401);
		}
		assertThat(jwksRequestsServed() - before).isLessThanOrEqualTo(1);
	}

	@Test
	void aChatMessageBodyOverItsRoutesLimitIsRefusedWithOrWithoutAContentLength() {
		Rooms.Room room = new Rooms(gateway).open(0, Map.of());
		String path = "/api/meetings/" + room.id() + "/messages";
		String longest = "\uD83D\uDE00".repeat(4000);
		String escaped = "{\"content\":\"" + "\\ud83d\\ude00".repeat(4000) + "\"}";
		HttpResponse<String> fits = gateway.send(gateway.request(path, room.host().token())
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(escaped))
			.build());
		assertThat(fits.statusCode()).as(fits.body()).isEqualTo(201);
		assertThat(Gateway.json(fits).get("content").asString()).isEqualTo(longest);

		byte[] tooLarge = ("{\"content\":\"" + "x".repeat(100_000) + "\"}").getBytes(StandardCharsets.UTF_8);
		Gateway.assertProblem(gateway.send(gateway.request(path, room.host().token())
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofByteArray(tooLarge))
			.build()), 413, "payload-too-large");
		Gateway.assertProblem(gateway.send(gateway.request(path, room.host().token())
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(tooLarge)))
			.build()), 413, "payload-too-large");
		List<String> contents = new ArrayList<>();
		Gateway.json(gateway.get(path, room.host().token()))
			.forEach((message) -> contents.add(message.get("content").asString()));
		assertThat(contents).contains(longest).noneMatch((content) -> content.startsWith("xxx"));
	}

	/** How often auth-service has answered for its key set, by its own metrics. */
	private static double jwksRequestsServed() {
		String metrics = new Gateway(stack.instanceUrl("auth-service", 0)).get("/actuator/prometheus", null).body();
		Matcher counts = Pattern
			.compile("(?m)^http_server_requests_seconds_count\\{[^}]*uri=\"/\\.well-known/jwks\\.json\"[^}]*} (\\S+)$")
			.matcher(metrics);
		double total = 0;
		while (counts.find()) {
			total += Double.parseDouble(counts.group(1));
		}
		return total;
	}

	private static void assertRefusedByEveryServiceDirectly(String token) {
		for (String service : List.of("auth-service", "meeting-service", "chat-service", "signaling-service",
				"recording-service")) {
			Gateway direct = new Gateway(stack.instanceUrl(service, 0));
			assertThat(direct.get("/api/anything", token).statusCode()).as(service).isEqualTo(401);
		}
	}

	private static String serviceToken(Gateway auth, String client, String secret, String scope) {
		HttpResponse<String> response = tokenRequest(auth, client, secret, scope);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return Gateway.json(response).get("access_token").asString();
	}

	private static HttpResponse<String> tokenRequest(Gateway auth, String client, String secret, String scope) {
		String credentials = Base64.getEncoder()
			.encodeToString((client + ":" + secret).getBytes(StandardCharsets.UTF_8));
		String form = "grant_type=client_credentials" + ((scope != null) ? "&scope=" + scope : "");
		return auth.send(auth.request("/oauth2/token", null)
			.header("Authorization", "Basic " + credentials)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build());
	}

	/** A login that also claims, if given, to come from another address. */
	private static HttpResponse<String> login(Gateway client, String email, String password, String claimedAddress) {
		HttpRequest.Builder request = client.request("/api/auth/login", null)
			.header("Content-Type", "application/json");
		if (claimedAddress != null) {
			request.header("X-Forwarded-For", claimedAddress).header("Forwarded", "for=" + claimedAddress);
		}
		return client.send(
				request
					.POST(HttpRequest.BodyPublishers
						.ofString(Gateway.JSON.writeValueAsString(Map.of("email", email, "password", password))))
					.build());
	}

	private static String randomAddress() {
		UUID random = UUID.randomUUID();
		return "198.51.100." + (1 + Math.floorMod(random.getLeastSignificantBits(), 254));
	}

	private static String unknownEmail() {
		return "nobody-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
	}

}
