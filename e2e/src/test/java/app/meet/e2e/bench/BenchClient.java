package app.meet.e2e.bench;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import app.meet.e2e.StackAccess;

import static org.assertj.core.api.Assertions.assertThat;

/** What the benchmarks share: accounts, JSON posts through the gateway, percentiles. */
final class BenchClient {

	static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(java.time.Duration.ofSeconds(5)).build();

	private final String gateway = StackAccess.gatewayUrl();

	String gatewayUrl() {
		return this.gateway;
	}

	HttpClient http() {
		return this.http;
	}

	List<Account> register(int count) throws Exception {
		List<Account> users = Collections.synchronizedList(new ArrayList<>());
		inParallel(IntStream.range(0, count).boxed().toList(), (index) -> {
			String handle = "b" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
			HttpResponse<String> response = post("/api/auth/register", null,
					"{\"email\":\"" + handle + "@example.com\",\"username\":\"" + handle
							+ "\",\"password\":\"bench password\",\"name\":\"" + handle + "\"}");
			assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
			JsonNode body = JSON.readTree(response.body());
			users.add(new Account(body.get("user").get("id").asString(), body.get("access_token").asString()));
		});
		return new ArrayList<>(users);
	}

	/**
	 * Two at a time: more parallel sign-ups (bcrypt) starve the 2-core machine enough
	 * that the gateway's health check drops auth-service for a moment.
	 */
	static <T> void inParallel(List<T> items, ThrowingConsumer<T> action) throws Exception {
		try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
			List<Future<?>> calls = new ArrayList<>();
			for (T item : items) {
				calls.add(pool.submit(() -> {
					action.accept(item);
					return null;
				}));
			}
			for (Future<?> call : calls) {
				call.get();
			}
		}
	}

	HttpResponse<String> post(String path, String token, String json) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.gateway + path))
			.timeout(java.time.Duration.ofSeconds(30))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json));
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		try {
			return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Milliseconds this JVM, the load generator, has spent in collection pauses so far: a
	 * pause delays the arrival times it takes as much as a slow relay would.
	 */
	static long gcPauseMillis() {
		// ZGC's cycles run alongside the application; its pauses have beans of their own
		return ManagementFactory.getGarbageCollectorMXBeans()
			.stream()
			.filter((collector) -> !collector.getName().endsWith("Cycles"))
			.mapToLong(GarbageCollectorMXBean::getCollectionTime)
			.sum();
	}

	/** The quantile of sorted nanosecond values, in milliseconds. */
	static double millis(long[] sorted, double quantile) {
		if (sorted.length == 0) {
			return Double.NaN;
		}
		int index = (int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1);
		return sorted[Math.max(0, index)] / 1e6;
	}

	record Account(String id, String token) {
	}

	@FunctionalInterface
	interface ThrowingConsumer<T> {

		void accept(T item) throws Exception;

	}

}
