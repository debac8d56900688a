package app.meet.e2e;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import javax.imageio.ImageIO;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import app.meet.devstack.PostgresServer;
import app.meet.devstack.Stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/** Accounts and tokens through the gateway, against the real servers. */
@Order(1)
class AuthEndToEndTests {

	private static final String PASSWORD = "correct horse battery";

	private static Stack stack;

	private static Gateway gateway;

	@BeforeAll
	static void stack() {
		stack = RunningStack.get();
		gateway = new Gateway(stack.gatewayUrl());
	}

	@Test
	void registerLoginReadUpdateAndLogOut() {
		JsonNode registered = gateway.register();
		JsonNode user = registered.get("user");
		assertThat(registered.get("token_type").asString()).isEqualTo("Bearer");
		assertThat(registered.get("expires_in").asLong()).isBetween(890L, 900L);
		assertThat(user.get("avatar_url").asString()).isEmpty();
		String username = user.get("username").asString();

		JsonNode byEmail = Gateway.json(gateway.post("/api/auth/login", null,
				Map.of("email", user.get("email").asString().toUpperCase(), "password", PASSWORD)));
		JsonNode byUsername = Gateway
			.json(gateway.post("/api/auth/login", null, Map.of("username", username, "password", PASSWORD)));
		assertThat(byEmail.get("user").get("id")).isEqualTo(user.get("id"));
		assertThat(byUsername.get("user").get("id")).isEqualTo(user.get("id"));

		String token = byUsername.get("access_token").asString();
		HttpResponse<String> me = gateway.get("/api/auth/me", token);
		assertThat(me.statusCode()).isEqualTo(200);
		assertThat(Gateway.json(me).get("email")).isEqualTo(user.get("email"));

		HttpResponse<String> renamed = gateway.send(gateway.request("/api/auth/me", token)
			.header("Content-Type", "application/json")
			.method("PATCH", HttpRequest.BodyPublishers.ofString("{\"name\":\"  Ann Renamed  \"}"))
			.build());
		assertThat(Gateway.json(renamed).get("name").asString()).isEqualTo("Ann Renamed");

		HttpResponse<String> publicView = gateway.get("/api/users/" + user.get("id").asString(), token);
		assertThat(publicView.statusCode()).isEqualTo(200);
		assertThat(Gateway.json(publicView).has("email")).isFalse();
		assertThat(Gateway.json(publicView).get("name").asString()).isEqualTo("Ann Renamed");

		HttpResponse<String> logout = gateway.post("/api/auth/logout", token,
				Map.of("refresh_token", byUsername.get("refresh_token").asString()));
		assertThat(logout.statusCode()).isEqualTo(200);
		assertThat(gateway.get("/api/auth/me", token).statusCode()).isEqualTo(401);
		assertThat(gateway
			.post("/api/auth/refresh", null, Map.of("refresh_token", byUsername.get("refresh_token").asString()))
			.statusCode()).isEqualTo(401);
		assertThat(gateway.get("/api/auth/me", byEmail.get("access_token").asString()).statusCode()).isEqualTo(200);
	}

	@Test
	void registrationRefusesBadFieldsAndTakenNamesAndStoresNothing() {
		HttpResponse<String> invalid = gateway.post("/api/auth/register", null,
				Map.of("email", "not-an-email", "username", "x", "password", "p".repeat(73), "name", ""));
		assertThat(invalid.statusCode()).isEqualTo(400);
		assertThat(invalid.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		JsonNode problem = Gateway.json(invalid);
		assertThat(problem.get("code").asString()).isEqualTo("validation-failed");
		List<String> fields = new ArrayList<>();
		problem.get("errors").forEach((error) -> fields.add(error.get("field").asString()));
		assertThat(fields).containsExactlyInAnyOrder("email", "username", "password", "name");
		assertThat(
				gateway.post("/api/auth/login", null, Map.of("username", "x", "password", "p".repeat(73))).statusCode())
			.isEqualTo(401);

		JsonNode existing = gateway.register().get("user");
		HttpResponse<String> sameEmail = gateway.post("/api/auth/register", null,
				Map.of("email", existing.get("email").asString().toUpperCase(), "username", "other_" + suffix(),
						"password", PASSWORD, "name", "Other"));
		assertThat(sameEmail.statusCode()).isEqualTo(409);
		assertThat(Gateway.json(sameEmail).get("code").asString()).isEqualTo("email-taken");
		HttpResponse<String> sameUsername = gateway.post("/api/auth/register", null,
				Map.of("email", "other" + suffix() + "@example.com", "username",
						existing.get("username").asString().toUpperCase(), "password", PASSWORD, "name", "Other"));
		assertThat(Gateway.json(sameUsername).get("code").asString()).isEqualTo("username-taken");

		HttpResponse<String> malformed = gateway.send(gateway.request("/api/auth/register", null)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"email\":"))
			.build());
		assertThat(malformed.statusCode()).isEqualTo(400);
		assertThat(Gateway.json(malformed).get("code").asString()).isEqualTo("malformed-request");
	}

	@Test
	void loginFailsAlikeForAnUnknownAccountAndAWrongPassword() {
		JsonNode user = gateway.register().get("user");
		HttpResponse<String> wrongPassword = gateway.post("/api/auth/login", null,
				Map.of("email", user.get("email").asString(), "password", "wrong password"));
		HttpResponse<String> unknown = gateway.post("/api/auth/login", null,
				Map.of("email", "nobody-" + suffix() + "@example.com", "password", "wrong password"));
		assertThat(wrongPassword.statusCode()).isEqualTo(401);
		assertThat(unknown.statusCode()).isEqualTo(401);
		assertThat(withoutRequestId(wrongPassword.body())).isEqualTo(withoutRequestId(unknown.body()));
	}

	@Test
	void tokensThatAreForgedExpiredForAnotherAudienceOrRefreshTokensAreRefused() throws Exception {
		JsonNode registered = gateway.register();
		String subject = registered.get("user").get("id").asString();
		String valid = registered.get("access_token").asString();
		SigningKey key = currentSigningKey();
		String issuer = claim(valid, "iss");

		assertThat(gateway.get("/api/auth/me", forge(key, subject, issuer, "meet", Instant.now().plusSeconds(600)))
			.statusCode()).as("a well-formed token signed with the real key").isEqualTo(200);

		List<String> refused = List.of(tamper(valid),
				forge(otherKey(key.kid()), subject, issuer, "meet", Instant.now().plusSeconds(600)), unsigned(valid),
				forge(key, subject, issuer, "meet", Instant.now().minusSeconds(120)),
				forge(key, subject, issuer, "another-audience", Instant.now().plusSeconds(600)),
				forge(key, subject, "https://elsewhere.example", "meet", Instant.now().plusSeconds(600)),
				registered.get("refresh_token").asString());
		for (String token : refused) {
			HttpResponse<String> response = gateway.get("/api/auth/me", token);
			assertThat(response.statusCode()).as(token).isEqualTo(401);
			assertThat(Gateway.json(response).get("code").asString()).isEqualTo("unauthorized");
		}
	}

	@Test
	void aRefreshTokenIsSpentOnceAndWithinTheGracePeriodGetsTheSameSuccessorAgain() {
		JsonNode login = gateway.register();
		String first = login.get("refresh_token").asString();
		HttpResponse<String> refreshed = gateway.post("/api/auth/refresh", null, Map.of("refresh_token", first));
		assertThat(refreshed.statusCode()).isEqualTo(200);
		String second = Gateway.json(refreshed).get("refresh_token").asString();
		assertThat(second).isNotEqualTo(first);
		assertThat(gateway.get("/api/auth/me", Gateway.json(refreshed).get("access_token").asString()).statusCode())
			.isEqualTo(200);

		HttpResponse<String> again = gateway.post("/api/auth/refresh", null, Map.of("refresh_token", first));
		assertThat(again.statusCode()).isEqualTo(200);
		assertThat(Gateway.json(again).get("refresh_token").asString()).isEqualTo(second);
		assertThat(gateway.post("/api/auth/refresh", null, Map.of("refresh_token", second)).statusCode())
			.isEqualTo(200);
	}

	@Test
	void aLoggedOutTokenIsRefusedOnEveryRouteTheWebSocketAndTheEventStream() {
		String token = gateway.register().get("access_token").asString();
		String meeting = UUID.randomUUID().toString();
		List<String> paths = List.of("/api/auth/me", "/api/meetings", "/ws?meeting_id=" + meeting + "&token=" + token,
				"/api/meetings/" + meeting + "/events?token=" + token, "/api/rtc/ice-servers",
				"/api/recordings/" + meeting);
		for (String path : paths) {
			assertThat(status(path, token)).as("before logout: %s", path).isNotEqualTo(401);
		}
		assertThat(gateway.post("/api/auth/logout", token, Map.of()).statusCode()).isEqualTo(200);
		for (String path : paths) {
			assertThat(status(path, token)).as("after logout: %s", path).isEqualTo(401);
		}
	}

	@Test
	void theQueryTokenIsAcceptedOnlyOnTheWebSocketAndTheEventStream() {
		String token = gateway.register().get("access_token").asString();
		assertThat(gateway.get("/api/auth/me?token=" + token, null).statusCode()).isEqualTo(401);
		assertThat(gateway.get("/ws?meeting_id=" + UUID.randomUUID() + "&token=" + token, null).statusCode())
			.isNotEqualTo(401);
	}

	@Test
	void everyServiceRefusesARequestThatReachesItDirectlyWithoutAValidToken() {
		Gateway direct;
		for (String service : List.of("auth-service", "meeting-service", "chat-service", "signaling-service",
				"recording-service")) {
			direct = new Gateway(stack.instanceUrl(service, 0));
			HttpResponse<String> response = direct.get("/api/anything", "not-a-token");
			assertThat(response.statusCode()).as(service).isEqualTo(401);
			assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
			assertThat(direct.get("/api/anything", null).statusCode()).as(service).isEqualTo(401);
		}
	}

	@Test
	void anAvatarIsStoredByItsContentAndServedPublicly() throws Exception {
		JsonNode registered = gateway.register();
		String token = registered.get("access_token").asString();
		String userId = registered.get("user").get("id").asString();

		HttpResponse<String> notAnImage = uploadAvatar(token, "not really a png".getBytes(StandardCharsets.UTF_8),
				"image/png", "avatar.png");
		assertThat(notAnImage.statusCode()).isEqualTo(400);
		assertThat(Gateway.json(notAnImage).get("code").asString()).isEqualTo("unsupported-image");

		byte[] png = Base64.getDecoder()
			.decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");
		HttpResponse<String> uploaded = uploadAvatar(token, png, "application/octet-stream", "me.bin");
		assertThat(uploaded.statusCode()).isEqualTo(200);
		String avatarUrl = Gateway.json(uploaded).get("avatar_url").asString();
		assertThat(avatarUrl).startsWith("/api/users/" + userId + "/avatar");

		HttpResponse<byte[]> avatar = gateway.sendBytes(gateway.request(avatarUrl, null).GET().build());
		assertThat(avatar.statusCode()).isEqualTo(200);
		assertThat(dimensions(avatar.body())).containsExactly(1, 1);
		assertThat(avatar.headers().firstValue("Content-Type")).hasValue("image/png");
		assertThat(avatar.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
		assertThat(avatar.headers().firstValue("Cache-Control"))
			.hasValueSatisfying((value) -> assertThat(value).contains("public").contains("max-age"));

		byte[] tooLarge = new byte[2 * 1024 * 1024 + 1];
		System.arraycopy(png, 0, tooLarge, 0, png.length);
		assertThat(uploadAvatar(token, tooLarge, "image/png", "big.png").statusCode()).isEqualTo(413);
	}

	@Test
	void anAvatarIsStoredScaledDownWithoutTheUploadsMetadataAndAHugeOneIsRefusedUndecoded() throws Exception {
		String token = gateway.register().get("access_token").asString();
		byte[] photo = withExifSegment(image(1024, 768, BufferedImage.TYPE_INT_RGB, "jpeg"), "GPS 51.5N 0.1W");
		HttpResponse<String> uploaded = uploadAvatar(token, photo, "image/jpeg", "photo.jpg");
		assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(200);
		HttpResponse<byte[]> avatar = gateway
			.sendBytes(gateway.request(Gateway.json(uploaded).get("avatar_url").asString(), null).GET().build());
		assertThat(avatar.headers().firstValue("Content-Type")).hasValue("image/jpeg");
		assertThat(dimensions(avatar.body())).containsExactly(512, 384);
		assertThat(new String(avatar.body(), StandardCharsets.ISO_8859_1)).doesNotContain("GPS 51.5N");

		byte[] huge = image(10_000, 10_000, BufferedImage.TYPE_BYTE_BINARY, "png");
		assertThat(huge.length).isLessThan(2 * 1024 * 1024);
		HttpResponse<String> refused = uploadAvatar(token, huge, "image/png", "huge.png");
		Gateway.assertProblem(refused, 400, "image-too-large");
	}

	@Test
	void registrationAndProfileChangesArePublishedAsCloudEvents() {
		JsonNode registered = gateway.register();
		String userId = registered.get("user").get("id").asString();
		gateway.send(gateway.request("/api/auth/me", registered.get("access_token").asString())
			.header("Content-Type", "application/json")
			.method("PATCH", HttpRequest.BodyPublishers.ofString("{\"name\":\"Published\"}"))
			.build());
		Properties properties = new Properties();
		properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers());
		properties.put(ConsumerConfig.GROUP_ID_CONFIG, "e2e-" + UUID.randomUUID());
		properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties, new StringDeserializer(),
				new StringDeserializer())) {
			consumer.subscribe(List.of("auth.events"));
			List<ConsumerRecord<String, String>> mine = new ArrayList<>();
			await().atMost(Duration.ofSeconds(30)).until(() -> {
				consumer.poll(Duration.ofMillis(500)).forEach((record) -> {
					if (userId.equals(record.key())) {
						mine.add(record);
					}
				});
				return mine.size() >= 2;
			});
			assertThat(mine).extracting((record) -> header(record, "ce_type"))
				.containsExactly("meet.user.registered", "meet.user.updated");
			for (ConsumerRecord<String, String> record : mine) {
				assertThat(header(record, "ce_specversion")).isEqualTo("1.0");
				assertThat(header(record, "ce_source")).isEqualTo("auth-service");
				assertThat(header(record, "ce_subject")).isEqualTo(userId);
				assertThat(header(record, "ce_id")).isNotBlank();
				assertThat(Instant.parse(header(record, "ce_time"))).isBefore(Instant.now().plusSeconds(5));
				assertThat(header(record, "content-type")).isEqualTo("application/json");
				JsonNode data = Gateway.JSON.readTree(record.value());
				assertThat(data.get("user").get("id").asString()).isEqualTo(userId);
				assertThat(data.get("user").has("email")).isFalse();
			}
			assertThat(Gateway.JSON.readTree(mine.get(1).value()).get("user").get("name").asString())
				.isEqualTo("Published");
		}
	}

	@Test
	void signingKeysSurviveARestartOfAuthService() throws Exception {
		String token = gateway.register().get("access_token").asString();
		stack.stopInstance("auth-service");
		stack.restartInstance("auth-service");
		// the gateway's balancer sees the instance again within its health-check interval
		await().atMost(Duration.ofSeconds(15))
			.untilAsserted(() -> assertThat(gateway.get("/api/auth/me", token).statusCode()).isEqualTo(200));
		assertThat(gateway.get("/.well-known/jwks.json", null).body()).contains(header(token).get("kid").asString());
	}

	@Test
	void aUserOverTheRateLimitGets429UntilTheWindowEndsAndOthersAreUnaffected() {
		String busy = gateway.register().get("access_token").asString();
		HttpResponse<String> limited = null;
		for (int request = 0; request < 3 * RunningStack.PER_USER_LIMIT && limited == null; request++) {
			HttpResponse<String> response = gateway.get("/api/auth/me", busy);
			if (response.statusCode() == 429) {
				limited = response;
			}
			else {
				assertThat(response.statusCode()).isEqualTo(200);
			}
		}
		assertThat(limited).as("a 429 within three windows' worth of requests").isNotNull();
		assertThat(limited.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(Gateway.json(limited).get("code").asString()).isEqualTo("too-many-requests");
		assertThat(limited.headers().firstValue("Retry-After"))
			.hasValueSatisfying((seconds) -> assertThat(Integer.parseInt(seconds)).isBetween(1, 60));
		assertThat(gateway.get("/api/auth/me", gateway.register().get("access_token").asString()).statusCode())
			.isEqualTo(200);
	}

	@Test
	void aBodyOverItsRoutesLimitIsRefusedAtTheGateway() {
		String token = gateway.register().get("access_token").asString();
		HttpResponse<String> response = gateway.send(gateway.request("/api/meetings", token)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"" + "x".repeat(1_100_000) + "\"}"))
			.build());
		assertThat(response.statusCode()).isEqualTo(413);
		assertThat(Gateway.json(response).get("code").asString()).isEqualTo("payload-too-large");
	}

	private static int status(String path, String token) {
		return gateway.get(path, path.contains("token=") ? null : token).statusCode();
	}

	private static HttpResponse<String> uploadAvatar(String token, byte[] content, String type, String filename) {
		String boundary = "meet-" + UUID.randomUUID();
		byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename
				+ "\"\r\nContent-Type: " + type + "\r\n\r\n")
			.getBytes(StandardCharsets.UTF_8);
		byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
		byte[] body = new byte[head.length + content.length + tail.length];
		System.arraycopy(head, 0, body, 0, head.length);
		System.arraycopy(content, 0, body, head.length, content.length);
		System.arraycopy(tail, 0, body, head.length + content.length, tail.length);
		return gateway.send(gateway.request("/api/auth/me/avatar", token)
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.PUT(HttpRequest.BodyPublishers.ofByteArray(body))
			.build());
	}

	private static byte[] image(int width, int height, int type, String format) throws IOException {
		BufferedImage image = new BufferedImage(width, height, type);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		assertThat(ImageIO.write(image, format, out)).isTrue();
		return out.toByteArray();
	}

	/** The JPEG with an APP1 (Exif) segment holding the text, right after its start. */
	private static byte[] withExifSegment(byte[] jpeg, String text) {
		byte[] payload = ("Exif\0\0" + text).getBytes(StandardCharsets.ISO_8859_1);
		int length = payload.length + 2;
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.write(jpeg, 0, 2);
		out.write(new byte[] { (byte) 0xFF, (byte) 0xE1, (byte) (length >> 8), (byte) length }, 0, 4);
		out.write(payload, 0, payload.length);
		out.write(jpeg, 2, jpeg.length - 2);
		return out.toByteArray();
	}

	private static List<Integer> dimensions(byte[] image) throws IOException {
		BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(image));
		assertThat(decoded).isNotNull();
		return List.of(decoded.getWidth(), decoded.getHeight());
	}

	private record SigningKey(String kid, ECPrivateKey privateKey) {
	}

	/**
	 * The test reads the real key from the database, to forge tokens only the claims make
	 * bad. It is stored sealed (AES-GCM: the nonce, then the encrypted key; its id as
	 * associated data) with the key the stack gave auth-service, and useless without it.
	 */
	private static SigningKey currentSigningKey() throws Exception {
		try (Connection connection = stack.infrastructure().postgres().superuserConnection(PostgresServer.DATABASE)) {
			ResultSet row = connection.createStatement()
				.executeQuery(
						"SELECT kid, private_key, sealed FROM auth.signing_keys ORDER BY created_at DESC LIMIT 1");
			assertThat(row.next()).isTrue();
			assertThat(row.getBoolean("sealed")).isTrue();
			String kid = row.getString("kid");
			byte[] sealed = row.getBytes("private_key");
			assertThatExceptionOfType(InvalidKeySpecException.class).as("the stored bytes are no key as they are")
				.isThrownBy(() -> KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(sealed)));
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(RunningStack.KEY_ENCRYPTION_KEY, "AES"),
					new GCMParameterSpec(128, sealed, 0, 12));
			cipher.updateAAD(kid.getBytes(StandardCharsets.UTF_8));
			ECPrivateKey key = (ECPrivateKey) KeyFactory.getInstance("EC")
				.generatePrivate(new PKCS8EncodedKeySpec(cipher.doFinal(sealed, 12, sealed.length - 12)));
			return new SigningKey(kid, key);
		}
	}

	private static SigningKey otherKey(String kid) throws Exception {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
		generator.initialize(new ECGenParameterSpec("secp256r1"));
		return new SigningKey(kid, (ECPrivateKey) generator.generateKeyPair().getPrivate());
	}

	private static String forge(SigningKey key, String subject, String issuer, String audience, Instant expiresAt)
			throws Exception {
		JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(subject)
			.issuer(issuer)
			.audience(audience)
			.issueTime(Date.from(Instant.now().minusSeconds(900)))
			.expirationTime(Date.from(expiresAt))
			.jwtID(UUID.randomUUID().toString())
			.claim("username", "forged")
			.build();
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.kid()).build(), claims);
		jwt.sign(new ECDSASigner(key.privateKey()));
		return jwt.serialize();
	}

	private static String tamper(String token) {
		String[] parts = token.split("\\.");
		JsonNode claims = Gateway.JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
		String changed = claims.toString().replace(claims.get("sub").asString(), UUID.randomUUID().toString());
		return parts[0] + "."
				+ Base64.getUrlEncoder().withoutPadding().encodeToString(changed.getBytes(StandardCharsets.UTF_8)) + "."
				+ parts[2];
	}

	private static String unsigned(String token) {
		String header = Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8));
		return header + "." + token.split("\\.")[1] + ".";
	}

	private static JsonNode header(String token) {
		return Gateway.JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[0]));
	}

	private static String claim(String token, String name) {
		return Gateway.JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1])).get(name).asString();
	}

	private static String header(ConsumerRecord<String, String> record, String name) {
		var header = record.headers().lastHeader(name);
		return (header != null) ? new String(header.value(), StandardCharsets.UTF_8) : null;
	}

	private static String withoutRequestId(String body) {
		return body.replaceAll("\"request_id\":\"[^\"]*\"", "").replaceAll("\"instance\":\"[^\"]*\"", "");
	}

	private static String suffix() {
		return UUID.randomUUID().toString().substring(0, 8);
	}

}
