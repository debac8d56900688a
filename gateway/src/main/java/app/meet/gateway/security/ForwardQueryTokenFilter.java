package app.meet.gateway.security;

import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * A token that came as {@code ?token=} travels on to the service as an
 * {@code Authorization} header, which is where services look for it.
 */
@Component
class ForwardQueryTokenFilter implements GlobalFilter, Ordered {

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		if (QueryTokenPaths.hasAuthorizationHeader(exchange)) {
			return chain.filter(exchange);
		}
		return ReactiveSecurityContextHolder.getContext()
			.map(SecurityContext::getAuthentication)
			.filter((authentication) -> authentication.getPrincipal() instanceof Jwt)
			.map((authentication) -> QueryTokenPaths.withAuthorizationHeader(exchange, authentication))
			.defaultIfEmpty(exchange)
			.flatMap(chain::filter);
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
