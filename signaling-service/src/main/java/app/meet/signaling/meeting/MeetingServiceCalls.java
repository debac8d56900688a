package app.meet.signaling.meeting;

import java.net.http.HttpClient;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.function.Supplier;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import app.meet.signaling.config.SignalingProperties;

import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

/**
 * How this service calls meeting-service (and auth-service for its tokens) without
 * waiting on a dead one: connect and response timeouts, one retry of a call that may be
 * repeated safely when it failed without an answer, and a circuit breaker that, once most
 * recent calls failed, refuses calls at once for a while
 * ({@link MeetingServiceUnavailableException}, a quick 503) instead of piling up sockets
 * and threads that wait; then one call tries again, and closes it if it succeeds. Only
 * the last ten seconds' calls count. A 4xx answer is an answer, not a failure.
 */
final class MeetingServiceCalls {

	private static final Logger log = LoggerFactory.getLogger(MeetingServiceCalls.class);

	/** The recent calls whose failures open the breaker. */
	static final Duration FAILURE_WINDOW = Duration.ofSeconds(10);

	private final CircuitBreaker breaker;

	private final Retry retry;

	MeetingServiceCalls(SignalingProperties.Calls settings) {
		// Only the last ten seconds' calls count: in a window of the last ten
		// calls, failures too few to count during an outage opened the breaker
		// at the first success once meeting-service was back. One trial call
		// decides: with two, a trial made while meeting-service was starting
		// outweighed one made once it was back.
		this.breaker = CircuitBreaker.of("meeting-service",
				CircuitBreakerConfig.custom()
					.slidingWindowType(CircuitBreakerConfig.SlidingWindowType.TIME_BASED)
					.slidingWindowSize((int) FAILURE_WINDOW.toSeconds())
					.minimumNumberOfCalls(5)
					.failureRateThreshold(50)
					.waitDurationInOpenState(settings.openFor())
					.permittedNumberOfCallsInHalfOpenState(1)
					.recordExceptions(ResourceAccessException.class, HttpServerErrorException.class)
					.build());
		this.breaker.getEventPublisher()
			.onStateTransition((event) -> log.warn("Calls to meeting-service: {}", event.getStateTransition()))
			.onError((event) -> log.debug("A call to meeting-service failed: {}", event.getThrowable().toString()));
		this.retry = Retry.of("meeting-service",
				RetryConfig.custom()
					.maxAttempts(2)
					.waitDuration(Duration.ofMillis(200))
					.retryOnException(MeetingServiceCalls::failedBeforeAnyAnswer)
					.build());
	}

	/**
	 * Whether the call failed at once, without an answer: the connection refused, or a
	 * kept-alive one found closed. A timeout already cost the whole response timeout and
	 * an error answer (a 503 while meeting-service's own dependency is away) would only
	 * come again, so neither is tried twice: a call never costs more than one timeout.
	 */
	private static boolean failedBeforeAnyAnswer(Throwable failure) {
		return failure instanceof ResourceAccessException && !(failure.getCause() instanceof HttpTimeoutException);
	}

	/** A client of {@code baseUrl} with the timeouts. */
	static RestClient.Builder withTimeouts(RestClient.Builder builder, SignalingProperties.Calls settings) {
		JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(settings.connectTimeout())
			.build());
		requests.setReadTimeout(settings.responseTimeout());
		return builder.clone().requestFactory(requests);
	}

	/** A call that changes something: not repeated. */
	<T> T once(Supplier<T> call) {
		return unavailableOnFailure(CircuitBreaker.decorateSupplier(this.breaker, call));
	}

	/** A call that may be repeated safely (a read, a state set to a value). */
	<T> T idempotent(Supplier<T> call) {
		return unavailableOnFailure(
				Retry.decorateSupplier(this.retry, CircuitBreaker.decorateSupplier(this.breaker, call)));
	}

	CircuitBreaker.State state() {
		return this.breaker.getState();
	}

	private static <T> T unavailableOnFailure(Supplier<T> call) {
		try {
			return call.get();
		}
		catch (CallNotPermittedException | ResourceAccessException | HttpServerErrorException ex) {
			throw new MeetingServiceUnavailableException(ex);
		}
	}

}
