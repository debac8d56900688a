package app.meet.gateway.forwarding;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * The proxies in front of the gateway (a load balancer, an ingress controller) whose
 * {@code X-Forwarded-For} it believes. A request from anyone else is known by its
 * connection's address, whatever it claims; none is trusted by default.
 * <p>
 * The client is the rightmost address in {@code X-Forwarded-For} that is not a trusted
 * proxy: each trusted hop appended the address it saw, and whatever lies further left
 * came from the client and may be made up.
 *
 * @param trustedProxies addresses and ranges in CIDR notation, such as {@code 10.0.0.0/8}
 * or {@code 2001:db8::/32}
 */
@ConfigurationProperties("meet.gateway.forwarding")
public record TrustedProxies(@DefaultValue List<AddressRange> trustedProxies) {

	static final String X_FORWARDED_FOR = "X-Forwarded-For";

	/** The address the request came from, through trusted proxies. */
	public String clientAddress(ServerHttpRequest request) {
		InetSocketAddress remote = request.getRemoteAddress();
		InetAddress address = (remote != null) ? remote.getAddress() : null;
		if (address == null) {
			return "unknown";
		}
		if (!isTrusted(address)) {
			return address.getHostAddress();
		}
		List<String> hops = request.getHeaders()
			.getValuesAsList(X_FORWARDED_FOR)
			.stream()
			.flatMap((value) -> List.of(value.split(",")).stream())
			.map(String::strip)
			.toList();
		for (String hop : hops.reversed()) {
			InetAddress hopAddress = literal(hop);
			if (hopAddress == null) {
				// not an address: the hop before it is the last one we can name
				break;
			}
			address = hopAddress;
			if (!isTrusted(hopAddress)) {
				break;
			}
		}
		return address.getHostAddress();
	}

	private boolean isTrusted(InetAddress address) {
		return this.trustedProxies.stream().anyMatch((range) -> range.contains(address));
	}

	/** The address a literal names, never asking DNS; {@code null} for anything else. */
	private static InetAddress literal(String hop) {
		String bare = (hop.startsWith("[") && hop.endsWith("]")) ? hop.substring(1, hop.length() - 1) : hop;
		try {
			return InetAddress.ofLiteral(bare);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

}
