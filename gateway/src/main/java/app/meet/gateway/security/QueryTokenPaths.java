package app.meet.gateway.security;

import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.web.server.authentication.ServerBearerTokenAuthenticationConverter;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.security.web.server.util.matcher.PathPatternParserServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.web.server.ServerWebExchange;

/**
 * Browsers cannot set headers on WebSocket upgrades or EventSource requests, so
 * {@code ?token=} is accepted there, and only there; everywhere else the token must come
 * in the {@code Authorization} header.
 */
final class QueryTokenPaths {

	static final ServerWebExchangeMatcher PATHS = ServerWebExchangeMatchers.matchers(
			new PathPatternParserServerWebExchangeMatcher("/ws"),
			new PathPatternParserServerWebExchangeMatcher("/api/meetings/{id}/events"));

	/** The frontend's name for it (RFC 6750 would say {@code access_token}). */
	static final String PARAMETER = "token";

	ServerAuthenticationConverter converter() {
		ServerBearerTokenAuthenticationConverter header = new ServerBearerTokenAuthenticationConverter();
		return (exchange) -> header.convert(exchange)
			.switchIfEmpty(PATHS.matches(exchange)
				.filter(ServerWebExchangeMatcher.MatchResult::isMatch)
				.mapNotNull((match) -> exchange.getRequest().getQueryParams().getFirst(PARAMETER))
				.filter((token) -> !token.isBlank())
				.map(BearerTokenAuthenticationToken::new));
	}

	/** The services behind validate the token again, from the header. */
	static ServerWebExchange withAuthorizationHeader(ServerWebExchange exchange, Authentication authentication) {
		String token = ((org.springframework.security.oauth2.jwt.Jwt) authentication.getPrincipal()).getTokenValue();
		return exchange.mutate()
			.request((request) -> request.headers((headers) -> headers.setBearerAuth(token)))
			.build();
	}

	static boolean hasAuthorizationHeader(ServerWebExchange exchange) {
		return exchange.getRequest().getHeaders().containsHeader(HttpHeaders.AUTHORIZATION);
	}

}
