package app.meet.gateway.forwarding;

import app.meet.platform.security.AccessTokens;

import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * What a service learns of the client, set here at the edge and never taken from the
 * client: {@code X-Forwarded-For} (and {@code Forwarded}) name the address the request
 * came from, {@code X-Forwarded-Proto} and {@code X-Forwarded-Host} what the client asked
 * for, and {@value AccessTokens#GATEWAY_TOKEN_HEADER} carries the gateway's token, which
 * is what makes services believe the rest. Whatever a client sent under these names is
 * gone by now (the gateway's forwarded-header removal runs first) or dropped here.
 * <p>
 * Behind a proxy of its own (a load balancer, an ingress), list that proxy's addresses in
 * {@code MEET_GATEWAY_TRUSTED_PROXIES}: the gateway then takes the client's address from
 * the proxy's {@code X-Forwarded-For} ({@link TrustedProxies}).
 */
@Component
public class ForwardedHeaders implements HttpHeadersFilter, Ordered {

	private final TrustedProxies trustedProxies;

	ForwardedHeaders(TrustedProxies trustedProxies) {
		this.trustedProxies = trustedProxies;
	}

	@Override
	public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
		HttpHeaders headers = new HttpHeaders();
		input.forEach((name, values) -> {
			if (!name.equalsIgnoreCase(AccessTokens.GATEWAY_TOKEN_HEADER)) {
				headers.addAll(name, values);
			}
		});
		addTo(headers, exchange);
		return headers;
	}

	/**
	 * Sets the forwarding headers (and the gateway's token, if it has one) on a request.
	 */
	public void addTo(HttpHeaders headers, ServerWebExchange exchange) {
		ServerHttpRequest request = exchange.getRequest();
		String client = this.trustedProxies.clientAddress(request);
		String proto = request.getURI().getScheme();
		String host = request.getHeaders().getFirst(HttpHeaders.HOST);
		headers.set(TrustedProxies.X_FORWARDED_FOR, client);
		headers.set("X-Forwarded-Proto", proto);
		String forwarded = "for=\"" + (client.contains(":") ? "[" + client + "]" : client) + "\";proto=" + proto;
		if (host != null) {
			headers.set("X-Forwarded-Host", host);
			forwarded += ";host=\"" + host.replace("\"", "") + "\"";
		}
		headers.set("Forwarded", forwarded);
		String token = exchange.getAttribute(GatewayCredentials.TOKEN_ATTRIBUTE);
		if (token != null) {
			headers.set(AccessTokens.GATEWAY_TOKEN_HEADER, token);
		}
	}

	@Override
	public boolean supports(Type type) {
		return type == Type.REQUEST;
	}

	/** After the gateway's removal of forwarded headers, which runs at order 0. */
	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
