package app.meet.e2e;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A real call in a real browser: two headless Chromium pages (host and guest, fake camera
 * and microphone) signal through the gateway's {@code /ws} with the project's own test
 * page, the host approves the guest over the socket, and both decode each other's video.
 * Once with both sockets on one signaling-service instance, once on two. And a real
 * recording, made by the browser's MediaRecorder and uploaded as it records.
 */
@Order(6)
class BrowserCallEndToEndTests {

	private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	private static final Duration CONNECT_WITHIN = Duration.ofSeconds(40);

	private static Gateway gateway;

	@BeforeAll
	static void stack() {
		assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
				"Skipped: the browser call test needs Chromium and chromedriver (Debian packages chromium and "
						+ "chromium-driver, which .ci/run installs)");
		gateway = new Gateway(RunningStack.get().gatewayUrl());
	}

	@Test
	void hostAndGuestOnOneInstanceConnectAndDecodeEachOthersVideo() throws Exception {
		call(true);
	}

	@Test
	void hostAndGuestOnTwoInstancesConnectAndDecodeEachOthersVideo() throws Exception {
		call(false);
	}

	private void call(boolean sameInstance) throws Exception {
		JsonNode host = gateway.register();
		JsonNode guest = gateway.register();
		String hostId = host.get("user").get("id").asString();
		String guestId = guest.get("user").get("id").asString();
		JsonNode meeting = Gateway.json(gateway.post("/api/meetings", token(host),
				Map.of("title", "Browser call", "settings", Map.of("waiting_room_enabled", true))));
		String meetingId = meeting.get("id").asString();
		assertThat(gateway.post("/api/meetings/join", token(host), Map.of("code", meeting.get("code").asString()))
			.statusCode()).isEqualTo(200);

		try (Browser hostPage = new Browser(); Browser guestPage = new Browser()) {
			hostPage.open(page(meetingId, host, "host", hostId));
			hostPage.await("socket open", "return window.call.socket && window.call.socket.readyState === 1");
			String hostNode = nodeOf(meetingId, hostId);
			openOn(guestPage, page(meetingId, guest, "guest", hostId), meetingId, guest, hostNode, sameInstance);

			hostPage.await("the knock", "return window.call.events.includes('pending-join-request')");
			hostPage.script("window.approve(arguments[0])", guestId);
			guestPage.await("approval", "return window.call.events.includes('join-approved')");
			HttpResponse<String> joined = gateway.post("/api/meetings/join", token(guest),
					Map.of("code", meeting.get("code").asString()));
			assertThat(joined.statusCode()).as(joined.body()).isEqualTo(200);

			assertConnectedAndDecoding(hostPage, guestId);
			assertConnectedAndDecoding(guestPage, hostId);
			assertThat(guestPage.events()).as("the guest, as newcomer, was told to offer").contains("peer-joined");
			assertThat(hostPage.events()).as("the host answered").contains("offer").doesNotContain("peer-joined");
		}
	}

	/**
	 * The browser's MediaRecorder records the fake camera and microphone and uploads each
	 * chunk as it comes; what plays back is byte for byte what the browser recorded, a
	 * real WebM file.
	 */
	@Test
	void aRecordingMadeByTheBrowserPlaysBackByteForByte() throws Exception {
		JsonNode host = gateway.register();
		JsonNode meeting = Gateway.json(gateway.post("/api/meetings", token(host),
				Map.of("title", "Browser recording", "settings", Map.of("waiting_room_enabled", false))));
		String meetingId = meeting.get("id").asString();
		assertThat(gateway.post("/api/meetings/join", token(host), Map.of("code", meeting.get("code").asString()))
			.statusCode()).isEqualTo(200);
		HttpResponse<String> started = gateway.post("/api/meetings/" + meetingId + "/recordings", token(host),
				Map.of());
		assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
		String recordingId = Gateway.json(started).get("id").asString();

		try (Browser page = new Browser()) {
			page.open(TestPages.origin() + "/pages/record.html?gateway=" + encode(gateway.baseUrl()) + "&token="
					+ encode(token(host)) + "&recording=" + recordingId);
			page.await("eight uploaded chunks", "return window.recording.uploaded >= 8");
			page.resolve("window.finish()");
			assertThat(page.script("return window.recording.failures")).asList().isEmpty();
			List<?> sizes = (List<?>) page.script("return window.recording.sizes");
			assertThat(sizes.stream().distinct().count()).as("chunks of uneven sizes: %s", sizes).isGreaterThan(1);
			String recordedDigest = (String) page.resolve("window.digest()");

			HttpResponse<String> stopped = gateway.post("/api/recordings/" + recordingId + "/stop", token(host),
					Map.of());
			assertThat(stopped.statusCode()).as(stopped.body()).isEqualTo(200);
			HttpResponse<byte[]> media = gateway
				.sendBytes(gateway.request("/api/recordings/" + recordingId + "/media", token(host)).GET().build());
			assertThat(media.statusCode()).isEqualTo(200);
			assertThat(media.headers().firstValue("Content-Type")).hasValue("video/webm;codecs=vp8,opus");
			assertThat(Arrays.copyOf(media.body(), 4)).as("the EBML header of a WebM file")
				.isEqualTo(new byte[] { 0x1A, 0x45, (byte) 0xDF, (byte) 0xA3 });
			assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(media.body())))
				.isEqualTo(recordedDigest);
			int middle = media.body().length / 2;
			HttpResponse<byte[]> part = gateway
				.sendBytes(gateway.request("/api/recordings/" + recordingId + "/media", token(host))
					.header("Range", "bytes=" + middle + "-" + (middle + 999))
					.GET()
					.build());
			assertThat(part.statusCode()).isEqualTo(206);
			assertThat(part.body()).isEqualTo(Arrays.copyOfRange(media.body(), middle, middle + 1000));
			assertThat(Gateway.json(stopped).get("size_bytes").asLong())
				.isEqualTo(sizes.stream().mapToLong((size) -> ((Number) size).longValue()).sum());
		}
	}

	/**
	 * Opens the guest's page until its socket lands where wanted: the gateway balances
	 * round robin, so requests in between move the guest to the other instance. One or
	 * two of them in turn, so the placement changes whether a page's own balanced
	 * requests are even or odd in number. Each try reads the page's new socket, not the
	 * one before it, from the directory; ten tries, since the balancer may see one
	 * instance alone for a moment while a readiness probe is late.
	 */
	private void openOn(Browser guestPage, String url, String meetingId, JsonNode guest, String hostNode,
			boolean sameInstance) throws Exception {
		String guestId = guest.get("user").get("id").asString();
		String previous = null;
		for (int attempt = 0; attempt < 10; attempt++) {
			guestPage.open(url);
			guestPage.await("socket open", "return window.call.socket && window.call.socket.readyState === 1");
			JsonNode socket = socketOf(meetingId, guestId, previous);
			if (socket.get("node").asString().equals(hostNode) == sameInstance) {
				return;
			}
			previous = socket.get("connection").asString();
			guestPage.open("about:blank");
			Thread.sleep(500);
			for (int shift = 0; shift <= attempt % 2; shift++) {
				gateway.get("/api/rtc/ice-servers", token(guest));
			}
		}
		throw new AssertionError("Could not place the guest " + (sameInstance ? "with" : "apart from") + " the host");
	}

	private static void assertConnectedAndDecoding(Browser page, String remoteId) throws InterruptedException {
		long deadline = System.nanoTime() + CONNECT_WITHIN.toNanos();
		Map<?, ?> report = Map.of();
		while (System.nanoTime() < deadline) {
			report = page.report();
			if (report.get(remoteId) instanceof Map<?, ?> peer && "connected".equals(peer.get("connectionState"))
					&& ((Number) peer.get("framesDecoded")).longValue() > 0) {
				return;
			}
			Thread.sleep(500);
		}
		throw new AssertionError("No decoded video from " + remoteId + " within " + CONNECT_WITHIN + ": " + report
				+ ", events " + page.events());
	}

	private String page(String meetingId, JsonNode user, String role, String hostId) {
		return TestPages.origin() + "/pages/call.html?gateway=" + encode(gateway.baseUrl()) + "&meeting=" + meetingId
				+ "&token=" + encode(token(user)) + "&role=" + role + "&host=" + hostId;
	}

	/**
	 * The instance holding the user's newest socket, from the signaling directory in
	 * Redis. The gateway completes the browser's upgrade before it connects upstream, so
	 * the socket may take a moment to appear.
	 */
	private static String nodeOf(String meetingId, String userId) throws IOException, InterruptedException {
		return socketOf(meetingId, userId, null).get("node").asString();
	}

	/**
	 * The user's socket in the directory once it is another than {@code previous}: the
	 * previous page's socket stays there until its close reaches the service.
	 */
	private static JsonNode socketOf(String meetingId, String userId, String previous)
			throws IOException, InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
		JsonNode socket;
		while ((socket = directorySocket(meetingId, userId)) == null
				|| socket.get("connection").asString().equals(previous)) {
			assertThat(System.nanoTime()).as("the user's new socket is in the directory").isLessThan(deadline);
			Thread.sleep(100);
		}
		return socket;
	}

	private static JsonNode directorySocket(String meetingId, String userId) throws IOException {
		String reply = RunningStack.get()
			.infrastructure()
			.redis()
			.execute("HGET", "meet:signaling:sockets:" + meetingId, userId);
		assertThat(reply).startsWith("$");
		return reply.startsWith("$-1") ? null : Gateway.JSON.readTree(reply.lines().skip(1).findFirst().orElseThrow());
	}

	private static String token(JsonNode user) {
		return user.get("access_token").asString();
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	/**
	 * One headless Chromium with a fake camera and microphone and a profile of its own.
	 */
	private static final class Browser implements AutoCloseable {

		private final Path profile;

		private final ChromeDriver driver;

		Browser() throws IOException {
			this.profile = Files.createTempDirectory("meet-chromium-");
			ChromeOptions options = new ChromeOptions();
			options.setBinary(CHROMIUM.toFile());
			options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
					"--disable-background-networking", "--disable-component-update", "--disable-sync",
					"--user-data-dir=" + this.profile, "--use-fake-ui-for-media-stream",
					"--use-fake-device-for-media-stream", "--autoplay-policy=no-user-gesture-required");
			ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
				.usingAnyFreePort()
				.build();
			this.driver = new ChromeDriver(service, options);
		}

		void open(String url) {
			this.driver.get(url);
		}

		Object script(String script, Object... arguments) {
			return ((JavascriptExecutor) this.driver).executeScript(script, arguments);
		}

		void await(String what, String condition) throws InterruptedException {
			long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
			while (System.nanoTime() < deadline) {
				if (Boolean.TRUE.equals(script(condition))) {
					return;
				}
				Thread.sleep(100);
			}
			throw new AssertionError("No " + what + " within 15 s; events " + events());
		}

		List<String> events() {
			Object events = script("return window.call ? window.call.events : []");
			List<String> names = new ArrayList<>();
			if (events instanceof List<?> list) {
				list.forEach((event) -> names.add(String.valueOf(event)));
			}
			return names;
		}

		Map<?, ?> report() {
			return (resolve("window.report()") instanceof Map<?, ?> map) ? map : Map.of();
		}

		/** What the promise the expression gives resolves to. */
		Object resolve(String promise) {
			return ((JavascriptExecutor) this.driver)
				.executeAsyncScript("const done = arguments[arguments.length - 1]; " + promise + ".then(done);");
		}

		@Override
		public void close() throws IOException {
			try {
				this.driver.quit();
			}
			finally {
				try (var files = Files.walk(this.profile)) {
					files.sorted(java.util.Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
				}
			}
		}

	}

}
