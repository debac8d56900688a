package app.meet.gateway.web;

import java.net.SocketException;

import io.lettuce.core.RedisCommandTimeoutException;
import org.junit.jupiter.api.Test;
import reactor.netty.channel.AbortedException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.dao.QueryTimeoutException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.json.ProblemDetailJacksonMixin;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

import static org.assertj.core.api.Assertions.assertThat;

class ProblemJsonErrorHandlerTests {

	/** As the application's mapper: a problem's properties at the top level. */
	private final JsonMapper json = JsonMapper.builder()
		.addMixIn(ProblemDetail.class, ProblemDetailJacksonMixin.class)
		.build();

	private final ProblemJsonErrorHandler handler = new ProblemJsonErrorHandler(this.json);

	@Test
	void redisTimeoutIsServiceUnavailableNotInternalError() {
		MockServerWebExchange exchange = MockServerWebExchange
			.from(MockServerHttpRequest.post("/api/meetings/abc/messages"));

		this.handler
			.handle(exchange,
					new QueryTimeoutException("Redis command timed out",
							new RedisCommandTimeoutException("Command timed out after 2 second(s)")))
			.block();

		assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
		assertThat(exchange.getResponse().getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		JsonNode problem = this.json.readTree(exchange.getResponse().getBodyAsString().block());
		assertThat(problem.get("status").asInt()).isEqualTo(503);
		assertThat(problem.get("code").asString()).isEqualTo("service-unavailable");
		assertThat(problem.get("instance").asString()).isEqualTo("/api/meetings/abc/messages");
		assertThat(exchange.getResponse().getHeaders().getFirst("Retry-After")).isEqualTo("5");
	}

	@Test
	void aServiceInstanceGoneMidRequestIsServiceUnavailable() {
		MockServerWebExchange exchange = MockServerWebExchange
			.from(MockServerHttpRequest.post("/api/meetings/abc/messages"));

		this.handler.handle(exchange, new SocketException("Connection reset")).block();

		assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
		assertThat(exchange.getResponse().getHeaders().getFirst("Retry-After")).isEqualTo("5");
		assertThat(exchange.getResponse().getBodyAsString().block()).contains("service-unavailable");
	}

	@Test
	void aServiceInstanceGoneBeforeTheRequestWasSentIsServiceUnavailable() {
		MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/auth/me"));

		this.handler.handle(exchange, AbortedException.beforeSend()).block();

		assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
		assertThat(exchange.getResponse().getHeaders().getFirst("Retry-After")).isEqualTo("5");
		assertThat(exchange.getResponse().getBodyAsString().block()).contains("service-unavailable");
	}

	@Test
	void unknownErrorIsInternalErrorWithoutItsMessage() {
		MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/meetings"));

		this.handler.handle(exchange, new IllegalStateException("secret detail")).block();

		assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
		String body = exchange.getResponse().getBodyAsString().block();
		assertThat(body).contains("internal-error").doesNotContain("secret detail");
	}

}
