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
import java.util.concurrent.atomic.AtomicBoolean;
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
 * Calls to a meeting-service on a real socket: one that takes connections but never
 * answers costs each call the response timeout, once, and once most recent calls failed
 * the next fail at once without a request; a connection dropped without an answer is
 * tried once more.
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
		this.client = client(Duration.ofSeconds(30));
	}

	private MeetingClient client(Duration breakerOpenFor) {
		URI url = URI.create("http://127.0.0.1:" + this.server.getAddress().getPort());
		SignalingProperties properties = new SignalingProperties("signaling-service", SignalingProperties.Routing.REDIS,
				url, url, "a-secret-of-some-length", Duration.ofSeconds(1), Duration.ofSeconds(3),
				Duration.ofSeconds(60), Duration.ofSeconds(15), Duration.ofSeconds(5), 1048576, 50, 8,
				Duration.ofSeconds(30),
				new SignalingProperties.Calls(Duration.ofSeconds(1), RESPONSE_TIMEOUT, breakerOpenFor),
				new SignalingProperties.Ice(List.of(), List.of(), null, Duration.ofHours(12)));
		ServiceTokens tokens = new ServiceTokens(RestClient.builder(), properties, Clock.systemUTC());
		assertThat(tokens.current()).as("the token, fetched before anything is timed").isEqualTo("service-token");
		return new MeetingClient(RestClient.builder(), properties, tokens);
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
			.as("one try of a read, cut off at the response timeout")
			.isLessThan(RESPONSE_TIMEOUT.plusSeconds(1));
		assertThat(this.admissionRequests).as("a read that timed out is not tried again").hasValue(1);

		for (int call = 0; call < 4; call++) {
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

	@Test
	void aReadWhoseConnectionWasDroppedIsTriedOnceMore() {
		AtomicInteger tries = new AtomicInteger();
		UUID meetingId = UUID.randomUUID();
		UUID userId = UUID.randomUUID();
		this.server.createContext("/internal/meetings/" + meetingId, (exchange) -> {
			if (tries.incrementAndGet() == 1) {
				exchange.close();
				return;
			}
			answerActiveStanding(exchange, meetingId, userId);
		});

		assertThat(this.client.standing(meetingId, userId))
			.hasValueSatisfying((standing) -> assertThat(standing.meetingStatus()).isEqualTo("active"));
		assertThat(tries).as("dropped without an answer, then answered").hasValue(2);
	}

	/**
	 * After the open time one call tries meeting-service again and decides alone: a try
	 * made while it was still away opens the breaker again, and the first that succeeds
	 * closes it, so a meeting-service back from a restart is used at once.
	 */
	@Test
	void oneSuccessfulTryAfterAnOutageClosesTheBreaker() throws InterruptedException {
		Duration openFor = Duration.ofMillis(300);
		MeetingClient client = client(openFor);
		AtomicBoolean away = new AtomicBoolean(true);
		UUID meetingId = UUID.randomUUID();
		UUID userId = UUID.randomUUID();
		serveStandingUnlessAway(meetingId, userId, away);
		for (int call = 0; call < 5; call++) {
			assertThatExceptionOfType(MeetingServiceUnavailableException.class)
				.isThrownBy(() -> client.standing(meetingId, userId));
		}
		assertThat(client.breakerState()).isEqualTo(CircuitBreaker.State.OPEN);

		Thread.sleep(openFor.plusMillis(100));
		assertThatExceptionOfType(MeetingServiceUnavailableException.class)
			.isThrownBy(() -> client.standing(meetingId, userId));
		assertThat(client.breakerState()).as("a try while still away").isEqualTo(CircuitBreaker.State.OPEN);

		Thread.sleep(openFor.plusMillis(100));
		away.set(false);
		assertThat(client.standing(meetingId, userId)).isPresent();
		assertThat(client.breakerState()).as("a try that succeeded").isEqualTo(CircuitBreaker.State.CLOSED);
		assertThat(client.standing(meetingId, userId)).isPresent();
	}

	/**
	 * Failures too few to open the breaker while meeting-service was away are forgotten
	 * once they are older than the breaker's window: the first calls after its return are
	 * not refused for them.
	 */
	@Test
	void failuresOfAnOldOutageDoNotOpenTheBreakerOnceMeetingServiceIsBack() throws InterruptedException {
		AtomicBoolean away = new AtomicBoolean(true);
		UUID meetingId = UUID.randomUUID();
		UUID userId = UUID.randomUUID();
		serveStandingUnlessAway(meetingId, userId, away);
		for (int call = 0; call < 4; call++) {
			assertThatExceptionOfType(MeetingServiceUnavailableException.class)
				.isThrownBy(() -> this.client.standing(meetingId, userId));
		}
		assertThat(this.client.breakerState()).as("too few calls to judge").isEqualTo(CircuitBreaker.State.CLOSED);

		Thread.sleep(MeetingServiceCalls.FAILURE_WINDOW.plusSeconds(1));
		away.set(false);
		assertThat(this.client.standing(meetingId, userId)).isPresent();
		assertThat(this.client.breakerState()).isEqualTo(CircuitBreaker.State.CLOSED);
		assertThat(this.client.standing(meetingId, userId)).isPresent();
	}

	/**
	 * meeting-service answering 503 while {@code away}, the member's standing otherwise.
	 */
	private void serveStandingUnlessAway(UUID meetingId, UUID userId, AtomicBoolean away) {
		this.server.createContext("/internal/meetings/" + meetingId, (exchange) -> {
			if (away.get()) {
				exchange.sendResponseHeaders(503, -1);
				exchange.close();
				return;
			}
			answerActiveStanding(exchange, meetingId, userId);
		});
	}

	/** A member's standing in an active meeting, in the names the test's client reads. */
	private static void answerActiveStanding(HttpExchange exchange, UUID meetingId, UUID userId) throws IOException {
		// the test's client reads with Jackson's default (record) names
		answer(exchange,
				"{\"meetingId\":\"" + meetingId + "\",\"userId\":\"" + userId
						+ "\",\"meetingStatus\":\"active\",\"admission\":\"none\",\"isHost\":false,"
						+ "\"mayModerate\":false,\"mayJoin\":true}");
	}

	private static void answer(HttpExchange exchange, String json) throws IOException {
		byte[] body = json.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(200, body.length);
		exchange.getResponseBody().write(body);
		exchange.close();
	}

}
