package app.meet.e2e.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import app.meet.e2e.StackAccess;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Signaling relay on one signaling-service instance: {@code bench.meetings} (200)
 * meetings of {@code bench.members} (10) admitted sockets each, {@code bench.rate}
 * (2,000) offer-sized ({@code bench.frame-bytes}, 6,000) frames a second for
 * {@code bench.seconds} (20) between random pairs of the same meeting, after a
 * {@link WarmUp warm-up}. Once through the gateway, once directly against the instance,
 * to show the gateway's share; also the service's heap per idle socket. Writes
 * {@code target/bench/signaling-relay.txt}, and every offer's send time and latency to
 * {@code signaling-relay-gateway.csv} and {@code -direct.csv} beside it. Run it with
 * {@code bench/signaling-relay}.
 */
@Tag("benchmark")
class SignalingRelayBenchmark {

	private static final int MEETINGS = Integer.getInteger("bench.meetings", 200);

	private static final int MEMBERS = Integer.getInteger("bench.members", 10);

	private static final int RATE = Integer.getInteger("bench.rate", 2000);

	private static final int FRAME_BYTES = Integer.getInteger("bench.frame-bytes", 6000);

	private static final Duration MEASURED = Duration.ofSeconds(Long.getLong("bench.seconds", 20));

	/**
	 * Each user is in several meetings, few enough upgrades per user for the rate limit.
	 */
	private static final int USERS = MEMBERS * 5;

	/**
	 * The longest start of an offer: its type, a user id as recipient, the send time's
	 * key.
	 */
	private static final int OFFER_HEAD_BYTES = 128;

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
		Arrivals arrivals = new Arrivals();
		List<WebSockets.Upgrade> upgrades = new ArrayList<>();
		List<String> userIds = new ArrayList<>();
		for (int meeting = 0; meeting < MEETINGS; meeting++) {
			for (int member = 0; member < MEMBERS; member++) {
				BenchClient.Account user = users.get((meeting + member * 5) % USERS);
				String url = baseUrl.replaceFirst("^http", "ws") + "/ws?meeting_id=" + meetings.get(meeting)
						+ (throughGateway ? "&token=" + user.token() : "");
				upgrades.add(new WebSockets.Upgrade(URI.create(url), throughGateway ? null : "Bearer " + user.token()));
				userIds.add(user.id());
			}
		}
		try (WebSockets sockets = WebSockets.open(upgrades, arrivals)) {
			List<List<Peer>> rooms = new ArrayList<>();
			for (int meeting = 0; meeting < MEETINGS; meeting++) {
				List<Peer> room = new ArrayList<>();
				for (int member = 0; member < MEMBERS; member++) {
					int index = meeting * MEMBERS + member;
					Peer peer = new Peer(userIds.get(index), sockets.socket(index));
					peer.socket()
						.sendText((member == 0) ? "{\"type\":\"host-join\",\"data\":{}}"
								: "{\"type\":\"join-request\",\"data\":{}}");
					room.add(peer);
				}
				rooms.add(room);
				// a few meetings' guests at a time, as they would arrive, not all at once
				if (rooms.size() % 5 == 0 || rooms.size() == MEETINGS) {
					assertThat(arrivals.awaitAdmitted(rooms.size() * (MEMBERS - 1), Duration.ofSeconds(30)))
						.as("every guest admitted")
						.isTrue();
				}
			}
			Thread.sleep(3000);
			long heapOpen = heapAfterCollection();

			AtomicLong warmUpOffers = new AtomicLong();
			String warmUp = WarmUp.run((duration) -> warmUpOffers.addAndGet(load(rooms, duration, false)));
			// measured from empty queues, not from the warm-up's backlog
			assertThat(arrivals.awaitWarmUp(warmUpOffers.get(), Duration.ofSeconds(60)))
				.as("every warm-up offer arrived")
				.isTrue();
			long pausedBefore = BenchClient.gcPauseMillis();
			CpuUse cpu = CpuUse.start();
			long start = System.nanoTime();
			long sent = load(rooms, MEASURED, true);
			double seconds = (System.nanoTime() - start) / 1e9;
			String cpuUse = cpu.summary();
			long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
			while (arrivals.delivered() < sent && System.nanoTime() < deadline) {
				Thread.sleep(100);
			}
			sockets.close();
			long paused = BenchClient.gcPauseMillis() - pausedBefore;
			long arrived = arrivals.delivered();
			long[] sorted = arrivals.latencies();
			Path timeline = Path.of("target", "bench",
					"signaling-relay-" + (throughGateway ? "gateway" : "direct") + ".csv");
			Files.createDirectories(timeline.getParent());
			Files.writeString(timeline, arrivals.timeline());
			String summary = "%s: %d of %d frames delivered in %.1f s (%.0f frames/s); relay latency p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms; load generator's GC pauses %d ms%n  warm-up: %s%n  CPU while sending, in shares of one core: %s"
				.formatted(name, arrived, sent, seconds, sent / seconds, BenchClient.millis(sorted, 0.50),
						BenchClient.millis(sorted, 0.90), BenchClient.millis(sorted, 0.99),
						BenchClient.millis(sorted, 1.0), paused, warmUp, cpuUse);
			return new Run(summary, sent, arrived, heapOpen);
		}
	}

	/**
	 * Sends offers between random members of random meetings at the target rate; only the
	 * measured ones carry a send time. Each offer is put together in one reused buffer.
	 */
	private long load(List<List<Peer>> rooms, Duration duration, boolean measured) throws InterruptedException {
		byte[] rest = (",\"sdp\":\"" + "a=x".repeat(FRAME_BYTES / 3) + "\"}}").getBytes(StandardCharsets.US_ASCII);
		byte[] offer = new byte[OFFER_HEAD_BYTES + 20 + rest.length];
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
			byte[] head = room.get(to).offerHead();
			System.arraycopy(head, 0, offer, 0, head.length);
			int length = writeNumber(measured ? System.nanoTime() : -1, offer, head.length);
			System.arraycopy(rest, 0, offer, length, rest.length);
			room.get(from).socket().sendText(offer, length + rest.length);
		}
		return total;
	}

	/** Writes a number's decimal digits at {@code at}; where they end. */
	private static int writeNumber(long value, byte[] into, int at) {
		if (value < 0) {
			into[at++] = '-';
			value = -value;
		}
		long divisor = 1;
		while (divisor <= value / 10) {
			divisor *= 10;
		}
		for (; divisor > 0; divisor /= 10) {
			into[at++] = (byte) ('0' + (value / divisor) % 10);
		}
		return at;
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

	/**
	 * A member of a meeting.
	 *
	 * @param offerHead the start of an offer to this member, up to its send time
	 */
	private record Peer(String userId, WebSockets.Socket socket, byte[] offerHead) {

		Peer(String userId, WebSockets.Socket socket) {
			this(userId, socket, ("{\"type\":\"offer\",\"to\":\"" + userId + "\",\"data\":{\"type\":\"offer\",\"t\":")
				.getBytes(StandardCharsets.US_ASCII));
		}

	}

	/**
	 * What arrives on the sockets, on their one reader thread: admissions, and the relay
	 * latency of every measured offer.
	 */
	private static final class Arrivals implements WebSockets.MessageHandler {

		private static final byte[] OFFER = "{\"type\":\"offer\"".getBytes(StandardCharsets.US_ASCII);

		private static final byte[] JOIN_APPROVED = "{\"type\":\"join-approved\"".getBytes(StandardCharsets.US_ASCII);

		private static final byte[] SENT_AT = "\"t\":".getBytes(StandardCharsets.US_ASCII);

		private final AtomicInteger admitted = new AtomicInteger();

		private final AtomicLong delivered = new AtomicLong();

		private final AtomicLong warmUpDelivered = new AtomicLong();

		private long[] sentTimes = new long[1024];

		private long[] latencies = new long[1024];

		private int count;

		@Override
		public void message(int socket, byte[] bytes, int offset, int length, long arrivedNanos) {
			if (startsWith(bytes, offset, length, OFFER)) {
				long sentAt = sentAt(bytes, offset, length);
				if (sentAt >= 0) {
					synchronized (this) {
						if (this.count == this.latencies.length) {
							this.sentTimes = Arrays.copyOf(this.sentTimes, this.count * 2);
							this.latencies = Arrays.copyOf(this.latencies, this.count * 2);
						}
						this.sentTimes[this.count] = sentAt;
						this.latencies[this.count++] = arrivedNanos - sentAt;
					}
					this.delivered.incrementAndGet();
				}
				else {
					this.warmUpDelivered.incrementAndGet();
				}
			}
			else if (startsWith(bytes, offset, length, JOIN_APPROVED)) {
				this.admitted.incrementAndGet();
			}
		}

		boolean awaitAdmitted(int guests, Duration timeout) throws InterruptedException {
			return await(this.admitted::get, guests, timeout);
		}

		boolean awaitWarmUp(long offers, Duration timeout) throws InterruptedException {
			return await(this.warmUpDelivered::get, offers, timeout);
		}

		private static boolean await(LongSupplier count, long target, Duration timeout) throws InterruptedException {
			long deadline = System.nanoTime() + timeout.toNanos();
			while (count.getAsLong() < target) {
				if (System.nanoTime() > deadline) {
					return false;
				}
				Thread.sleep(10);
			}
			return true;
		}

		long delivered() {
			return this.delivered.get();
		}

		/** The measured latencies, sorted; call once the reader has stopped. */
		synchronized long[] latencies() {
			long[] sorted = Arrays.copyOf(this.latencies, this.count);
			Arrays.sort(sorted);
			return sorted;
		}

		/**
		 * Every measured offer as {@code sent_ms,latency_ms}, by arrival, the time since
		 * the first was sent: whether slow offers come in bursts (a pause, a periodic
		 * task) or spread evenly (queueing).
		 */
		synchronized String timeline() {
			long first = Arrays.stream(this.sentTimes, 0, this.count).min().orElse(0);
			StringBuilder csv = new StringBuilder("sent_ms,latency_ms\n");
			for (int offer = 0; offer < this.count; offer++) {
				csv.append("%.3f,%.3f%n".formatted((this.sentTimes[offer] - first) / 1e6, this.latencies[offer] / 1e6));
			}
			return csv.toString();
		}

		private static boolean startsWith(byte[] bytes, int offset, int length, byte[] prefix) {
			return length >= prefix.length
					&& Arrays.equals(bytes, offset, offset + prefix.length, prefix, 0, prefix.length);
		}

		/**
		 * The send time an offer carries (negative for warm-up offers), found without
		 * decoding the rest of its kilobytes.
		 */
		private static long sentAt(byte[] bytes, int offset, int length) {
			int end = offset + length;
			int at = indexOf(bytes, offset, end, SENT_AT);
			if (at < 0) {
				throw new IllegalStateException("An offer without its send time");
			}
			at += SENT_AT.length;
			boolean negative = bytes[at] == '-';
			if (negative) {
				at++;
			}
			long value = 0;
			while (at < end && bytes[at] >= '0' && bytes[at] <= '9') {
				value = value * 10 + (bytes[at++] - '0');
			}
			return negative ? -value : value;
		}

		private static int indexOf(byte[] bytes, int from, int to, byte[] wanted) {
			for (int at = from; at + wanted.length <= to; at++) {
				if (Arrays.equals(bytes, at, at + wanted.length, wanted, 0, wanted.length)) {
					return at;
				}
			}
			return -1;
		}

	}

}
