package app.meet.gateway.forwarding;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import app.meet.platform.security.AccessTokens;

import org.springframework.cloud.client.loadbalancer.reactive.ReactorLoadBalancerExchangeFilterFunction;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.server.ServerWebExchange;

/**
 * The gateway's own service token (client credentials at auth-service, scope
 * {@value AccessTokens#GATEWAY_SCOPE}), which {@link ForwardedHeaders} sends with every
 * request it forwards so that services believe the client address it names. Kept until a
 * minute before it expires; after a failure to get one the next try waits a second, and
 * requests meanwhile go without it (services then see the gateway's own address).
 */
@Component
class GatewayCredentials implements GlobalFilter, Ordered {

	static final String TOKEN_ATTRIBUTE = GatewayCredentials.class.getName() + ".token";

	private static final Logger log = LoggerFactory.getLogger(GatewayCredentials.class);

	private final Mono<String> token;

	GatewayCredentials(WebClient.Builder builder, ReactorLoadBalancerExchangeFilterFunction loadBalancer,
			GatewayClientProperties client) {
		WebClient auth = builder.clone()
			.filter(loadBalancer)
			.baseUrl("http://auth-service")
			.defaultHeaders((headers) -> headers.setBasicAuth(client.id(), client.secret()))
			.build();
		this.token = auth.post()
			.uri("/oauth2/token")
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.body(BodyInserters.fromFormData("grant_type", "client_credentials")
				.with("scope", AccessTokens.GATEWAY_SCOPE))
			.retrieve()
			.bodyToMono(Issued.class)
			.cache((issued) -> Duration.ofSeconds(Math.max(0, issued.expiresIn() - 60)),
					(failure) -> Duration.ofSeconds(1), () -> Duration.ZERO)
			.map(Issued::accessToken);
	}

	/**
	 * Has the token at hand, under {@link #TOKEN_ATTRIBUTE}, before the request goes on.
	 */
	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		return this.token.doOnNext((token) -> exchange.getAttributes().put(TOKEN_ATTRIBUTE, token))
			.onErrorResume((failure) -> {
				log.warn("No service token from auth-service, forwarding without one: {}", failure.getMessage());
				return Mono.empty();
			})
			.then(chain.filter(exchange));
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE + 2;
	}

	private record Issued(String accessToken, long expiresIn) {
	}

}
