package app.meet.gateway.web;

import java.io.IOException;
import java.net.URI;
import java.util.concurrent.TimeoutException;

import io.lettuce.core.RedisException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import reactor.netty.channel.AbortedException;
import tools.jackson.databind.json.JsonMapper;

import app.meet.platform.problem.Problems;

import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;

/**
 * Every error the gateway itself raises becomes problem+json: an unknown path 404, a
 * service with no reachable instance or Redis not answering 503, a timeout 504; never an
 * HTML page or a stack trace. Errors answered by a service pass through unchanged.
 */
@Component
@Order(-2)
class ProblemJsonErrorHandler implements ErrorWebExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ProblemJsonErrorHandler.class);

	/** What the services also ask for while a server they need is away. */
	private static final String RETRY_AFTER_SECONDS = "5";

	private final JsonMapper json;

	ProblemJsonErrorHandler(JsonMapper json) {
		this.json = json;
	}

	@Override
	public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
		ServerHttpResponse response = exchange.getResponse();
		if (response.isCommitted()) {
			if (isClosed(response)) {
				log.debug("The client's connection closed before its answer was complete: {}", error.toString());
				return Mono.empty();
			}
			return Mono.error(error);
		}
		ProblemDetail problem = toProblem(error);
		problem.setInstance(URI.create(exchange.getRequest().getPath().value()));
		Problems.complete(problem, RequestIdWebFilter.requestId(exchange));
		response.setStatusCode(HttpStatusCode.valueOf(problem.getStatus()));
		response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
		if (problem.getStatus() == HttpStatus.TOO_MANY_REQUESTS.value()
				&& error instanceof ResponseStatusException statusException) {
			response.getHeaders().addAll(statusException.getHeaders());
		}
		if (problem.getStatus() == HttpStatus.SERVICE_UNAVAILABLE.value()) {
			response.getHeaders().set(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
		}
		DataBuffer body = response.bufferFactory().wrap(this.json.writeValueAsBytes(problem));
		return response.writeWith(Mono.just(body));
	}

	/**
	 * Whether the client's connection is gone, so that nothing can be sent on it, not
	 * even an abort: Reactor Netty answers a request whose head it read and whose body it
	 * cannot (a broken chunk) and closes the connection, while the request is on its way
	 * to a service, whose answer then fails to be written. A failure while the connection
	 * is open must still abort it, so that a cut-off answer does not look complete.
	 */
	private static boolean isClosed(ServerHttpResponse response) {
		return ServerHttpResponseDecorator.getNativeResponse(response) instanceof Connection connection
				&& connection.isDisposed();
	}

	private ProblemDetail toProblem(Throwable error) {
		if (isUnreachable(error)) {
			return Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "The service for this request is unavailable",
					"service-unavailable");
		}
		if (isStoreUnavailable(error)) {
			log.warn("Redis did not answer: {}", error.getMessage());
			return Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "The gateway's data store did not answer; try again",
					"service-unavailable");
		}
		if (error instanceof TimeoutException
				|| error instanceof org.springframework.cloud.gateway.support.TimeoutException) {
			return Problems.of(HttpStatus.GATEWAY_TIMEOUT, "The service did not answer in time", "gateway-timeout");
		}
		if (error instanceof ResponseStatusException statusException) {
			HttpStatusCode status = statusException.getStatusCode();
			if (status.value() == HttpStatus.NOT_FOUND.value()) {
				return Problems.of(status, "No such path", "not-found");
			}
			if (status.value() == HttpStatus.TOO_MANY_REQUESTS.value()) {
				return Problems.of(status, statusException.getReason(), "too-many-requests");
			}
			if (status.value() == HttpStatus.CONTENT_TOO_LARGE.value()) {
				return Problems.of(status, statusException.getReason(), "payload-too-large");
			}
			if (status.is5xxServerError()) {
				return Problems.of(status, "The service for this request is unavailable", "service-unavailable");
			}
			ProblemDetail problem = ProblemDetail.forStatus(status);
			problem.setDetail(statusException.getReason());
			return problem;
		}
		log.error("Unhandled gateway error", error);
		return Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "An unexpected error occurred", "internal-error");
	}

	/**
	 * Redis (token denylist, rate limits) timed out or is down: the request is refused as
	 * unavailable, for the client to retry, not reported as a bug.
	 */
	private static boolean isStoreUnavailable(Throwable error) {
		for (Throwable cause = error; cause != null; cause = cause.getCause()) {
			if (cause instanceof DataAccessException || cause instanceof RedisException) {
				return true;
			}
		}
		return false;
	}

	/**
	 * No instance took the connection, or the one that had it went away before answering
	 * (closed or reset, as when it crashes mid-request).
	 */
	private static boolean isUnreachable(Throwable error) {
		for (Throwable cause = error; cause != null; cause = cause.getCause()) {
			// IOException: refused, closed early, or reset by a crashing instance;
			// AbortedException: closed by a crashing instance before the request was sent
			if (cause instanceof IOException || cause instanceof AbortedException
					|| cause instanceof WebClientRequestException
					|| cause instanceof io.netty.channel.ConnectTimeoutException) {
				return true;
			}
		}
		return false;
	}

}
