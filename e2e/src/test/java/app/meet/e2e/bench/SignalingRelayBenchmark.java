package app.meet.e2e.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import app.meet.e2e.StackAccess;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Signaling relay on one signaling-service instance: {@code bench.meetings} (200)
 * meetings of {@code bench.members} (10) admitted sockets each, {@code bench.rate}
 * (2,000) offer-sized ({@code bench.frame-bytes}, 6,000) frames a second for
 * {@code bench.seconds} (20) between random pairs of the same meeting, after a warm-up.
 * Once through the gateway, once directly against the instance, to show the gateway's
 * share; also the service's heap per idle socket. Writes
 * {@code target/bench/signaling-relay.txt}. Run it with {@code bench/signaling-relay}.
 */
@Tag("benchmark")
class SignalingRelayBenchmark {

	private static final int MEETINGS = Integer.getInteger("bench.meetings", 200);

	private static final int MEMBERS = Integer.getInteger("bench.members", 10);

	private static final int RATE = Integer.getInteger("bench.rate", 2000);

	private static final int FRAME_BYTES = Integer.getInteger("bench.frame-bytes", 6000);

	private static final Duration MEASURED = Duration.ofSeconds(Long.getLong("bench.seconds", 20));

	private static final Duration WARM_UP = Duration.ofSeconds(Long.getLong("bench.warm-up-seconds", 5));

	/**
	 * Each user is in several meetings, few enough upgrades per user for the rate limit.
	 */
	private static final int USERS = MEMBERS * 5;

	private final BenchClient client = new BenchClient();

	private final String instance = StackAccess.instanceUrl("signaling-service", 0);

	@Test
	void relay() throws Exception {
		List<BenchClient.Account> users = this.client.register(USERS);
		List<String> meetings = new ArrayList<>();
		for (int meeting = 0; meeting < MEETINGS; meeting++) {
			HttpResponse<String> created = this.client.post("/api/meetings", users.get(meeting % USERS).token(),
					"{\"title\":\"Relay\",\"max_users\":50,\"settings\":{\"waiting_room_enabled\":false}}");
			assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
			meetings.add(BenchClient.JSON.readTree(created.body()).get("id").asString());
		}

		long heapBefore = heapAfterCollection();
		Run throughGateway = run("through the gateway", this.client.gatewayUrl(), users, meetings, true);
		Thread.sleep(6000);
		Run direct = run("directly against the instance", this.instance, users, meetings, false);

		String report = """
				signaling relay on one signaling-service instance (%d sockets in %d meetings, %d-byte offers, target %d frames/s)
				%s
				%s
				heap per idle socket: %.1f KB (%d sockets, heap after a full collection %.1f MB before opening them, %.1f MB with them open)
				"""
			.formatted(MEETINGS * MEMBERS, MEETINGS, FRAME_BYTES, RATE, throughGateway.summary(), direct.summary(),
					(throughGateway.heapOpen() - heapBefore) / 1024.0 / (MEETINGS * MEMBERS), MEETINGS * MEMBERS,
					heapBefore / 1e6, throughGateway.heapOpen() / 1e6);
		System.out.println(report);
		Path out = Path.of("target", "bench", "signaling-relay.txt");
		Files.createDirectories(out.getParent());
		Files.writeString(out, report);
		assertThat(throughGateway.delivered()).as("every frame arrived").isEqualTo(throughGateway.sent());
		assertThat(direct.delivered()).as("every frame arrived").isEqualTo(direct.sent());
	}

	private Run run(String name, String baseUrl, List<BenchClient.Account> users, List<String> meetings,
			boolean throughGateway) throws Exception {
		AtomicLong delivered = new AtomicLong();
		ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
		CountDownLatch admitted = new CountDownLatch(MEETINGS * (MEMBERS - 1));
		List<List<Peer>> rooms = new ArrayList<>();
		List<CompletableFuture<Peer>> opening = new ArrayList<>();
		for (int meeting = 0; meeting < MEETINGS; meeting++) {
			for (int member = 0; member < MEMBERS; member++) {
				BenchClient.Account user = users.get((meeting + member * 5) % USERS);
				opening.add(open(baseUrl, meetings.get(meeting), user, member == 0, throughGateway, admitted, delivered,
						latencies));
				if (opening.size() % 50 == 0) {
					CompletableFuture.allOf(opening.toArray(CompletableFuture[]::new)).join();
				}
			}
		}
		CompletableFuture.allOf(opening.toArray(CompletableFuture[]::new)).join();
		for (int meeting = 0; meeting < MEETINGS; meeting++) {
			rooms.add(opening.subList(meeting * MEMBERS, (meeting + 1) * MEMBERS)
				.stream()
				.map(CompletableFuture::join)
				.toList());
		}
		assertThat(admitted.await(60, TimeUnit.SECONDS)).as("every guest admitted").isTrue();
		Thread.sleep(3000);
		long heapOpen = heapAfterCollection();

		load(rooms, WARM_UP, false);
		long start = System.nanoTime();
		long sent = load(rooms, MEASURED, true);
		double seconds = (System.nanoTime() - start) / 1e9;
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (delivered.get() < sent && System.nanoTime() < deadline) {
			Thread.sleep(100);
		}
		long arrived = delivered.get();
		for (List<Peer> room : rooms) {
			room.forEach(Peer::close);
		}
		long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
		String summary = "%s: %d of %d frames delivered in %.1f s (%.0f frames/s); relay latency p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms"
			.formatted(name, arrived, sent, seconds, sent / seconds, BenchClient.millis(sorted, 0.50),
					BenchClient.millis(sorted, 0.90), BenchClient.millis(sorted, 0.99),
					BenchClient.millis(sorted, 1.0));
		return new Run(summary, sent, arrived, heapOpen);
	}

	/**
	 * Sends offers between random members of random meetings at the target rate; only the
	 * measured ones carry a send time.
	 */
	private long load(List<List<Peer>> rooms, Duration duration, boolean measured) throws InterruptedException {
		String filler = "a=x".repeat(FRAME_BYTES / 3);
		long total = duration.toSeconds() * RATE;
		long interval = 1_000_000_000L / RATE;
		long start = System.nanoTime();
		for (long n = 0; n < total; n++) {
			long due = start + n * interval;
			long wait = due - System.nanoTime();
			if (wait > 0) {
				TimeUnit.NANOSECONDS.sleep(wait);
			}
			List<Peer> room = rooms.get(ThreadLocalRandom.current().nextInt(rooms.size()));
			int from = ThreadLocalRandom.current().nextInt(room.size());
			int to = (from + 1 + ThreadLocalRandom.current().nextInt(room.size() - 1)) % room.size();
			room.get(from)
				.send("{\"type\":\"offer\",\"to\":\"" + room.get(to).userId() + "\",\"data\":{\"type\":\"offer\",\"t\":"
						+ (measured ? System.nanoTime() : -1) + ",\"sdp\":\"" + filler + "\"}}");
		}
		return total;
	}

	private CompletableFuture<Peer> open(String baseUrl, String meetingId, BenchClient.Account user, boolean host,
			boolean tokenInQuery, CountDownLatch admitted, AtomicLong delivered,
			ConcurrentLinkedQueue<Long> latencies) {
		String url = baseUrl.replaceFirst("^http", "ws") + "/ws?meeting_id=" + meetingId
				+ (tokenInQuery ? "&token=" + user.token() : "");
		WebSocket.Builder builder = this.client.http().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(20));
		if (!tokenInQuery) {
			builder.header("Authorization", "Bearer " + user.token());
		}
		return builder.buildAsync(URI.create(url), new Listener(admitted, delivered, latencies)).thenApply((socket) -> {
			Peer peer = new Peer(user.id(), socket);
			peer.send(host ? "{\"type\":\"host-join\",\"data\":{}}" : "{\"type\":\"join-request\",\"data\":{}}");
			return peer;
		});
	}

	/** Runs a full collection in the signaling-service JVM and reads its heap in use. */
	private long heapAfterCollection() throws IOException, InterruptedException {
		ProcessHandle service = ProcessHandle.allProcesses()
			.filter((process) -> process.info().commandLine().orElse("").contains("signaling-service.jar"))
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("signaling-service is not running"));
		Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
		Process collection = new ProcessBuilder(jcmd.toString(), Long.toString(service.pid()), "GC.run")
			.redirectErrorStream(true)
			.start();
		collection.getInputStream().readAllBytes();
		assertThat(collection.waitFor()).isZero();
		Thread.sleep(500);
		HttpResponse<String> metrics = this.client.http()
			.send(HttpRequest.newBuilder(URI.create(this.instance + "/actuator/prometheus")).build(),
					HttpResponse.BodyHandlers.ofString());
		return metrics.body()
			.lines()
			.filter((line) -> line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\""))
			.mapToLong((line) -> (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
			.sum();
	}

	private record Run(String summary, long sent, long delivered, long heapOpen) {
	}

	/** One socket; sends are chained, since a WebSocket takes one send at a time. */
	private static final class Peer {

		private final String userId;

		private CompletableFuture<WebSocket> last;

		Peer(String userId, WebSocket socket) {
			this.userId = userId;
			this.last = CompletableFuture.completedFuture(socket);
		}

		String userId() {
			return this.userId;
		}

		synchronized void send(String text) {
			this.last = this.last.thenCompose((socket) -> socket.sendText(text, true));
		}

		synchronized void close() {
			this.last.thenAccept((socket) -> socket.abort());
		}

	}

	private static final class Listener implements WebSocket.Listener {

		private static final String SENT_AT = "\"t\":";

		private final CountDownLatch admitted;

		private final AtomicLong delivered;

		private final ConcurrentLinkedQueue<Long> latencies;

		private final StringBuilder partial = new StringBuilder();

		Listener(CountDownLatch admitted, AtomicLong delivered, ConcurrentLinkedQueue<Long> latencies) {
			this.admitted = admitted;
			this.delivered = delivered;
			this.latencies = latencies;
		}

		@Override
		public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
			long now = System.nanoTime();
			this.partial.append(data);
			if (last) {
				String frame = this.partial.toString();
				this.partial.setLength(0);
				if (frame.startsWith("{\"type\":\"offer\"")) {
					long sentAt = sentAt(frame);
					if (sentAt >= 0) {
						this.latencies.add(now - sentAt);
						this.delivered.incrementAndGet();
					}
				}
				else if (frame.startsWith("{\"type\":\"join-approved\"")) {
					this.admitted.countDown();
				}
			}
			socket.request(1);
			return null;
		}

		/**
		 * The send time an offer carries, found without parsing the rest of its
		 * kilobytes.
		 */
		private static long sentAt(String offer) {
			int from = offer.indexOf(SENT_AT) + SENT_AT.length();
			int to = from;
			while (to < offer.length() && offer.charAt(to) != ',' && offer.charAt(to) != '}') {
				to++;
			}
			return Long.parseLong(offer, from, to, 10);
		}

	}

}
