package app.meet.e2e.bench;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Chat fan-out through the gateway: {@code bench.subscribers} (200) users of one meeting
 * hold its live stream open while {@code bench.rate} (50) messages a second are posted
 * for {@code bench.seconds} (30), after a {@link WarmUp warm-up}. Measures
 * post-to-delivery latency over every (message, subscriber) pair, the posts' own latency
 * and the rates sustained, and writes them to {@code target/bench/chat-fanout.txt}, every
 * measured post to {@code chat-fanout-posts.csv} beside it. Run it with
 * {@code bench/chat-fanout}.
 */
@Tag("benchmark")
class ChatFanoutBenchmark {

	private static final JsonMapper JSON = BenchClient.JSON;

	private static final int SUBSCRIBERS = Integer.getInteger("bench.subscribers", 200);

	private static final int RATE = Integer.getInteger("bench.rate", 50);

	private static final Duration MEASURED = Duration.ofSeconds(Long.getLong("bench.seconds", 30));

	/** Enough that no poster reaches the per-user rate limit. */
	private static final int POSTERS = 25;

	private static final byte[] DATA = "data:".getBytes(StandardCharsets.US_ASCII);

	private static final byte[] MARKER = "\"content\":\"bench ".getBytes(StandardCharsets.US_ASCII);

	private final BenchClient client = new BenchClient();

	@Test
	void fanOut() throws Exception {
		List<BenchClient.Account> users = this.client.register(SUBSCRIBERS);
		BenchClient.Account host = users.getFirst();
		JsonNode meeting = JSON
			.readTree(this.client
				.post("/api/meetings", host.token(),
						"{\"title\":\"Bench\",\"max_users\":1000,\"settings\":{\"waiting_room_enabled\":false}}")
				.body());
		String meetingId = meeting.get("id").asString();
		String code = meeting.get("code").asString();
		BenchClient.inParallel(users, (user) -> {
			HttpResponse<String> joined = this.client.post("/api/meetings/join", user.token(),
					"{\"code\":\"" + code + "\"}");
			assertThat(joined.statusCode()).as(joined.body()).isEqualTo(200);
		});

		AtomicLong delivered = new AtomicLong();
		Latencies latencies = new Latencies();
		List<URI> streamUris = users.stream()
			.map((user) -> URI
				.create(this.client.gatewayUrl() + "/api/meetings/" + meetingId + "/events?token=" + user.token()))
			.toList();
		EventStreams streams = EventStreams.open(streamUris, (line, length, arrivedNanos) -> {
			long sentAt = sentAt(line, length);
			if (sentAt >= 0) {
				latencies.add(sentAt, arrivedNanos - sentAt);
				delivered.incrementAndGet();
			}
		});
		List<BenchClient.Account> posters = users.subList(1, Math.min(users.size(), POSTERS + 1));

		String warmUp = WarmUp.run((duration) -> run(posters, meetingId, duration, false));
		Thread.sleep(2000);
		long deliveredBefore = delivered.get();
		long pausedBefore = BenchClient.gcPauseMillis();
		CpuUse cpu = CpuUse.start();
		Run measured = run(posters, meetingId, MEASURED, true);
		String cpuUse = cpu.summary();
		long expected = (long) measured.posted() * SUBSCRIBERS;
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (delivered.get() - deliveredBefore < expected && System.nanoTime() < deadline) {
			Thread.sleep(100);
		}
		long deliveredMeasured = delivered.get() - deliveredBefore;
		long paused = BenchClient.gcPauseMillis() - pausedBefore;
		streams.close();

		long[] all = latencies.values();
		Arrays.sort(all);
		long[] postLatencies = measured.posts().stream().mapToLong(Post::latencyNanos).sorted().toArray();
		double seconds = measured.elapsedNanos() / 1e9;
		String report = """
				chat fan-out through the gateway (%d subscribers in one meeting, %d chat-service instances)
				posts: %d in %.1f s = %.1f posts/s sustained (target rate %d/s), %d failed
				deliveries: %d of %d expected (%.1f deliveries/s)
				post-to-delivery latency: p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms
				post request latency: p50 %.1f ms, p99 %.1f ms
				warm-up: %s
				load generator's GC pauses: %d ms
				CPU while posting, in shares of one core: %s
				""".formatted(SUBSCRIBERS, 2, measured.posted(), seconds, measured.posted() / seconds, RATE,
				measured.failed(), deliveredMeasured, expected, deliveredMeasured / seconds,
				BenchClient.millis(all, 0.50), BenchClient.millis(all, 0.90), BenchClient.millis(all, 0.99),
				BenchClient.millis(all, 1.0), BenchClient.millis(postLatencies, 0.50),
				BenchClient.millis(postLatencies, 0.99), warmUp, paused, cpuUse);
		System.out.println(report);
		Path out = Path.of("target", "bench", "chat-fanout.txt");
		Files.createDirectories(out.getParent());
		Files.writeString(out, report);
		Files.writeString(out.resolveSibling("chat-fanout-posts.csv"), timeline(measured.posts(), latencies));
		assertThat(measured.failed()).as("every post succeeded").isZero();
		assertThat(deliveredMeasured).as("every message reached every subscriber").isEqualTo(expected);
	}

	/**
	 * Posts at the target rate for the given time; each post on its own virtual thread.
	 */
	private Run run(List<BenchClient.Account> posters, String meetingId, Duration duration, boolean measured)
			throws InterruptedException {
		int total = (int) (duration.toSeconds() * RATE);
		ConcurrentLinkedQueue<Post> posts = new ConcurrentLinkedQueue<>();
		AtomicLong failed = new AtomicLong();
		ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
		ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor();
		AtomicLong sent = new AtomicLong();
		long start = System.nanoTime();
		clock.scheduleAtFixedRate(() -> {
			long n = sent.getAndIncrement();
			if (n >= total) {
				return;
			}
			BenchClient.Account poster = posters.get((int) (n % posters.size()));
			senders.submit(() -> {
				long sentAt = System.nanoTime();
				String content = "bench " + (measured ? sentAt : -1);
				HttpResponse<String> response = this.client.post("/api/meetings/" + meetingId + "/messages",
						poster.token(), "{\"content\":\"" + content + "\"}");
				posts.add(new Post(sentAt, System.nanoTime() - sentAt));
				if (response.statusCode() != 201) {
					failed.incrementAndGet();
				}
			});
		}, 0, 1_000_000 / RATE, TimeUnit.MICROSECONDS);
		while (sent.get() < total) {
			Thread.sleep(50);
		}
		clock.shutdownNow();
		senders.shutdown();
		senders.awaitTermination(60, TimeUnit.SECONDS);
		return new Run(total, (int) failed.get(), System.nanoTime() - start, List.copyOf(posts));
	}

	/**
	 * When the measured message on this line was posted; -1 for other lines and the
	 * warm-up's messages.
	 */
	private static long sentAt(byte[] line, int length) {
		if (length < DATA.length || !Arrays.equals(line, 0, DATA.length, DATA, 0, DATA.length)) {
			return -1;
		}
		for (int at = DATA.length; at + MARKER.length < length; at++) {
			if (Arrays.equals(line, at, at + MARKER.length, MARKER, 0, MARKER.length)) {
				long sentAt = 0;
				for (int digit = at + MARKER.length; digit < length && line[digit] >= '0'
						&& line[digit] <= '9'; digit++) {
					sentAt = sentAt * 10 + (line[digit] - '0');
				}
				return (line[at + MARKER.length] == '-') ? -1 : sentAt;
			}
		}
		return -1;
	}

	/**
	 * Every measured post as {@code sent_ms,post_ms,slowest_delivery_ms}, by the time
	 * since the first was sent: whether slow deliveries come in bursts (a pause, a
	 * periodic task) and whether the post itself was slow (its request queued) or only
	 * the fan-out.
	 */
	private static String timeline(List<Post> posts, Latencies deliveries) {
		Map<Long, Long> slowest = deliveries.slowestBySendTime();
		List<Post> bySendTime = posts.stream().sorted(Comparator.comparingLong(Post::sentAtNanos)).toList();
		long first = bySendTime.isEmpty() ? 0 : bySendTime.getFirst().sentAtNanos();
		StringBuilder csv = new StringBuilder("sent_ms,post_ms,slowest_delivery_ms\n");
		for (Post post : bySendTime) {
			Long delivery = slowest.get(post.sentAtNanos());
			csv.append("%.3f,%.3f,%s%n".formatted((post.sentAtNanos() - first) / 1e6, post.latencyNanos() / 1e6,
					(delivery != null) ? "%.3f".formatted(delivery / 1e6) : ""));
		}
		return csv.toString();
	}

	/**
	 * Growing arrays of the deliveries' send times and latencies in nanoseconds, written
	 * by the streams' reader.
	 */
	private static final class Latencies {

		private long[] sentTimes = new long[1024];

		private long[] values = new long[1024];

		private int count;

		void add(long sentAt, long value) {
			if (this.count == this.values.length) {
				this.sentTimes = Arrays.copyOf(this.sentTimes, this.count * 2);
				this.values = Arrays.copyOf(this.values, this.count * 2);
			}
			this.sentTimes[this.count] = sentAt;
			this.values[this.count++] = value;
		}

		long[] values() {
			return Arrays.copyOf(this.values, this.count);
		}

		/** Each message's slowest delivery, by the message's send time. */
		Map<Long, Long> slowestBySendTime() {
			Map<Long, Long> slowest = new HashMap<>();
			for (int delivery = 0; delivery < this.count; delivery++) {
				slowest.merge(this.sentTimes[delivery], this.values[delivery], Math::max);
			}
			return slowest;
		}

	}

	private record Post(long sentAtNanos, long latencyNanos) {
	}

	private record Run(int posted, int failed, long elapsedNanos, List<Post> posts) {
	}

}
