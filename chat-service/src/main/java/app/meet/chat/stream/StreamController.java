package app.meet.chat.stream;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.constraints.Min;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import app.meet.chat.config.ChatProperties;
import app.meet.chat.membership.Membership;
import app.meet.platform.security.RevocationWatch;

import org.springframework.http.HttpHeaders;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/meetings/{id}/events}: the meeting's live stream as server-sent events.
 * The request's own (virtual) thread writes the stream until it ends, so a stream costs
 * no platform thread and needs no asynchronous request timeout. A stream ends within
 * seconds of its token being revoked ({@link RevocationWatch}).
 */
@RestController
@Tag(name = "live events", description = "The meeting's live event stream")
class StreamController {

	private static final byte[] OPENING = "retry: 3000\n: connected\n\n".getBytes(StandardCharsets.UTF_8);

	private static final byte[] HEARTBEAT = ": ping\n\n".getBytes(StandardCharsets.UTF_8);

	private final Membership membership;

	private final StreamHub hub;

	private final RevocationWatch revocations;

	private final Duration heartbeat;

	StreamController(Membership membership, StreamHub hub, RevocationWatch revocations, ChatProperties properties) {
		this.membership = membership;
		this.hub = hub;
		this.revocations = revocations;
		this.heartbeat = properties.heartbeat();
	}

	@Operation(summary = "Server-sent events of the meeting; `Last-Event-ID` resumes after that event")
	@GetMapping("/api/meetings/{id}/events")
	@ApiResponse(responseCode = "200", description = "The stream; its events are described in docs/api.md",
			content = @Content(mediaType = "text/event-stream"))
	void stream(@AuthenticationPrincipal Jwt token, @PathVariable UUID id,
			@RequestHeader(name = "Last-Event-ID", required = false) @Min(0) Long lastEventId,
			HttpServletResponse response) {
		this.membership.requireMeeting(id);
		Subscriber subscriber = this.hub.subscribe(id, UUID.fromString(token.getSubject()), lastEventId);
		try (RevocationWatch.Registration watched = this.revocations.watch(token, subscriber::end)) {
			response.setContentType("text/event-stream;charset=UTF-8");
			response.setHeader(HttpHeaders.CACHE_CONTROL, "no-cache");
			response.setHeader("X-Accel-Buffering", "no");
			OutputStream out = response.getOutputStream();
			out.write(OPENING);
			out.flush();
			write(subscriber, out);
		}
		catch (IOException ex) {
			// the client went away; it reconnects with Last-Event-ID if it wants more
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			this.hub.unsubscribe(id, subscriber);
		}
	}

	private void write(Subscriber subscriber, OutputStream out) throws IOException, InterruptedException {
		while (!subscriber.ended()) {
			List<Subscriber.Outgoing> events = subscriber.next(this.heartbeat);
			if (subscriber.ended()) {
				return;
			}
			if (events.isEmpty()) {
				out.write(HEARTBEAT);
				out.flush();
				continue;
			}
			for (Subscriber.Outgoing event : events) {
				Subscriber.Delivery delivery = subscriber.decide(event.event());
				if (delivery != Subscriber.Delivery.SKIP) {
					out.write(event.frame());
				}
				if (delivery == Subscriber.Delivery.SEND_AND_END) {
					out.flush();
					return;
				}
			}
			out.flush();
		}
	}

}
