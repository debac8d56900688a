package app.meet.signaling.transport;

import java.util.Map;

import org.slf4j.MDC;
import tools.jackson.databind.json.JsonMapper;

import app.meet.platform.problem.Problems;
import app.meet.platform.web.RequestIds;
import app.meet.signaling.room.Signaling;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Checks the {@link Entry} before the upgrade, so a refused user gets an HTTP status
 * (with a problem+json body) instead of a socket.
 */
@Component
class EntryHandshake implements HandshakeInterceptor {

	static final String ADMITTED = EntryHandshake.class.getName() + ".admitted";

	static final String TOKEN = EntryHandshake.class.getName() + ".token";

	private final Entry entry;

	private final Signaling signaling;

	private final JsonMapper json;

	EntryHandshake(Entry entry, Signaling signaling, JsonMapper json) {
		this.entry = entry;
		this.signaling = signaling;
		this.json = json;
	}

	@Override
	public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
			Map<String, Object> attributes) throws Exception {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		String meetingId = UriComponentsBuilder.fromUri(request.getURI())
			.build()
			.getQueryParams()
			.getFirst("meeting_id");
		Jwt token = (Jwt) authentication.getPrincipal();
		try {
			if (this.signaling.isRestarting()) {
				throw new EntryRefusedException(HttpStatus.SERVICE_UNAVAILABLE, "restarting",
						"This instance is restarting; connect again");
			}
			Entry.Admitted admitted = this.entry.check(token, meetingId);
			if (!this.signaling.mayOpenAnother(admitted.user().id())) {
				throw new EntryRefusedException(HttpStatus.TOO_MANY_REQUESTS, "too-many-sockets",
						"Too many open sockets; close another tab or device's first");
			}
			attributes.put(ADMITTED, admitted);
			attributes.put(TOKEN, token);
			return true;
		}
		catch (EntryRefusedException ex) {
			ProblemDetail problem = Problems.complete(Problems.of(ex.status(), ex.getMessage(), ex.code()),
					MDC.get(RequestIds.MDC_KEY));
			response.setStatusCode(ex.status());
			if (ex.status() == HttpStatus.SERVICE_UNAVAILABLE) {
				response.getHeaders().set(HttpHeaders.RETRY_AFTER, EntryRefusedException.RETRY_AFTER_SECONDS);
			}
			response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
			response.getBody().write(this.json.writeValueAsBytes(problem));
			return false;
		}
	}

	@Override
	public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
			Exception exception) {
	}

}
