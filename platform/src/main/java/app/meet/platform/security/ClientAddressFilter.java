package app.meet.platform.security;

import java.io.IOException;
import java.net.InetAddress;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Makes {@link HttpServletRequest#getRemoteAddr()} the client's address as the gateway
 * saw it. The gateway, the only way in from outside, drops the forwarding headers a
 * client sends, names the client in {@code X-Forwarded-For} and vouches for it with its
 * own service token (scope {@value AccessTokens#GATEWAY_SCOPE}) in
 * {@value AccessTokens#GATEWAY_TOKEN_HEADER}. Without that token the header is ignored,
 * so a caller that reaches a service directly is known by its own connection's address,
 * whatever it claims.
 */
class ClientAddressFilter extends OncePerRequestFilter {

	static final String FORWARDED_FOR = "X-Forwarded-For";

	private final JwtDecoder decoder;

	ClientAddressFilter(JwtDecoder decoder) {
		this.decoder = decoder;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String forwarded = request.getHeader(FORWARDED_FOR);
		String gatewayToken = request.getHeader(AccessTokens.GATEWAY_TOKEN_HEADER);
		String client = (forwarded != null && gatewayToken != null && fromGateway(gatewayToken))
				? addressLiteral(forwarded.strip()) : null;
		chain.doFilter((client != null) ? new ForwardedRequest(request, client) : request, response);
	}

	private boolean fromGateway(String token) {
		try {
			Jwt jwt = this.decoder.decode(token);
			return AccessTokens.isServiceToken(jwt) && AccessTokens.hasScope(jwt, AccessTokens.GATEWAY_SCOPE);
		}
		catch (JwtException ex) {
			return false;
		}
	}

	/**
	 * The address in its canonical form; {@code null} unless the value is one IPv4 or
	 * IPv6 literal (never a host name, which would need a lookup).
	 */
	static String addressLiteral(String value) {
		try {
			return InetAddress.ofLiteral(value).getHostAddress();
		}
		catch (IllegalArgumentException notALiteral) {
			return null;
		}
	}

	private static final class ForwardedRequest extends HttpServletRequestWrapper {

		private final String client;

		ForwardedRequest(HttpServletRequest request, String client) {
			super(request);
			this.client = client;
		}

		@Override
		public String getRemoteAddr() {
			return this.client;
		}

		@Override
		public String getRemoteHost() {
			return this.client;
		}

	}

}
