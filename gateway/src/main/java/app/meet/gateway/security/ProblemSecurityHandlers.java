package app.meet.gateway.security;

import java.net.URI;

import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import app.meet.platform.problem.Problems;
import app.meet.platform.web.RequestIds;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedException;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * 401 and 403 at the gateway as problem+json, and 400 for a request the firewall rejects
 * (such as a path with {@code //} or {@code /../}).
 */
@Component
class ProblemSecurityHandlers
		implements ServerAuthenticationEntryPoint, ServerAccessDeniedHandler, ServerExchangeRejectedHandler {

	private final JsonMapper json;

	ProblemSecurityHandlers(JsonMapper json) {
		this.json = json;
	}

	@Override
	public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException ex) {
		exchange.getResponse().getHeaders().set("WWW-Authenticate", "Bearer");
		return write(exchange,
				Problems.of(HttpStatus.UNAUTHORIZED, "A valid access token is required", "unauthorized"));
	}

	@Override
	public Mono<Void> handle(ServerWebExchange exchange, AccessDeniedException denied) {
		return write(exchange, Problems.of(HttpStatus.FORBIDDEN, "Not allowed", "forbidden"));
	}

	@Override
	public Mono<Void> handle(ServerWebExchange exchange, ServerExchangeRejectedException rejected) {
		return write(exchange, Problems.of(HttpStatus.BAD_REQUEST, "The request's path or headers are not allowed",
				"malformed-request"));
	}

	private Mono<Void> write(ServerWebExchange exchange, ProblemDetail problem) {
		problem.setInstance(URI.create(exchange.getRequest().getPath().value()));
		Problems.complete(problem, exchange.getRequest().getHeaders().getFirst(RequestIds.HEADER));
		exchange.getResponse().setStatusCode(HttpStatus.valueOf(problem.getStatus()));
		exchange.getResponse().getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
		return exchange.getResponse()
			.writeWith(Mono.just(exchange.getResponse().bufferFactory().wrap(this.json.writeValueAsBytes(problem))));
	}

}
