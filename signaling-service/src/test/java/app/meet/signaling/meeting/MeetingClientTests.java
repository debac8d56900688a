package app.meet.signaling.meeting;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import app.meet.signaling.config.SignalingProperties;

import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Calls to a meeting-service that takes connections but never answers, on a real socket:
 * each fails after the response timeout, and once most recent ones failed the next fail
 * at once without a request.
 */
class MeetingClientTests {

	private static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(1);

	private final AtomicInteger admissionRequests = new AtomicInteger();

	private HttpServer server;

	private MeetingClient client;

	@BeforeEach
	void startHangingMeetingService() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext("/oauth2/token", (exchange) -> answer(exchange,
				"{\"access_token\":\"service-token\",\"token_type\":\"Bearer\",\"expires_in\":300}"));
		this.server.createContext("/internal/", (exchange) -> {
			this.admissionRequests.incrementAndGet();
			try {
				Thread.sleep(3_000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			exchange.close();
		});
		this.server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
		this.server.start();
		URI url = URI.create("http://127.0.0.1:" + this.server.getAddress().getPort());
		SignalingProperties properties = new SignalingProperties("signaling-service", url, url,
				"a-secret-of-some-length", Duration.ofSeconds(1), Duration.ofSeconds(3), Duration.ofSeconds(60),
				Duration.ofSeconds(15), 1048576, 50, 8, Duration.ofSeconds(30),
				new SignalingProperties.Calls(Duration.ofSeconds(1), RESPONSE_TIMEOUT, Duration.ofSeconds(30)),
				new SignalingProperties.Ice(List.of(), List.of(), null, Duration.ofHours(12)));
		ServiceTokens tokens = new ServiceTokens(RestClient.builder(), properties, Clock.systemUTC());
		assertThat(tokens.current()).as("the token, fetched before anything is timed").isEqualTo("service-token");
		this.client = new MeetingClient(RestClient.builder(), properties, tokens);
	}

	@AfterEach
	void stop() {
		this.server.stop(0);
	}

	@Test
	void aMeetingServiceThatDoesNotAnswerCostsATimeoutAndThenNothing() {
		long started = System.nanoTime();
		assertThatExceptionOfType(MeetingServiceUnavailableException.class)
			.isThrownBy(() -> this.client.standing(UUID.randomUUID(), UUID.randomUUID()));
		assertThat(Duration.ofNanos(System.nanoTime() - started))
			.as("two tries of a read, each cut off at the response timeout")
			.isLessThan(RESPONSE_TIMEOUT.multipliedBy(2).plusSeconds(2));
		assertThat(this.admissionRequests).hasValue(2);

		for (int call = 0; call < 3; call++) {
			assertThatExceptionOfType(MeetingServiceUnavailableException.class)
				.isThrownBy(() -> this.client.knock(UUID.randomUUID(), UUID.randomUUID(), "ann", "Ann"));
		}
		assertThat(this.client.breakerState()).isEqualTo(CircuitBreaker.State.OPEN);
		int requestsBefore = this.admissionRequests.get();
		started = System.nanoTime();
		assertThatExceptionOfType(MeetingServiceUnavailableException.class)
			.isThrownBy(() -> this.client.standing(UUID.randomUUID(), UUID.randomUUID()));
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(RESPONSE_TIMEOUT);
		assertThat(this.admissionRequests).as("no request while the breaker is open").hasValue(requestsBefore);
	}

	private static void answer(HttpExchange exchange, String json) throws IOException {
		byte[] body = json.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(200, body.length);
		exchange.getResponseBody().write(body);
		exchange.close();
	}

}
