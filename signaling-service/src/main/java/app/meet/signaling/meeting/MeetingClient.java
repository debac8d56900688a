package app.meet.signaling.meeting;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import tools.jackson.databind.JsonNode;

import app.meet.signaling.config.SignalingProperties;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;

/**
 * meeting-service's internal endpoints: the waiting room's state, which the WebSocket
 * approval flow and the REST endpoints share, and participants' media state. Every call
 * fails fast ({@link MeetingServiceCalls}): {@link MeetingServiceUnavailableException}
 * when meeting-service cannot answer.
 */
@Component
public class MeetingClient {

	private final RestClient meetings;

	private final ServiceTokens tokens;

	private final MeetingServiceCalls calls;

	MeetingClient(RestClient.Builder builder, SignalingProperties properties, ServiceTokens tokens) {
		this.meetings = MeetingServiceCalls.withTimeouts(builder, properties.calls())
			.baseUrl(properties.meetingServiceUrl().toString())
			.build();
		this.tokens = tokens;
		this.calls = new MeetingServiceCalls(properties.calls());
	}

	/**
	 * The user's standing; empty for a meeting that does not exist.
	 * @throws MeetingServiceUnavailableException when meeting-service cannot answer
	 */
	public Optional<Standing> standing(UUID meetingId, UUID userId) {
		return this.calls.idempotent(() -> {
			try {
				return Optional.of(this.meetings.get()
					.uri("/internal/meetings/{id}/admissions/{user}", meetingId, userId)
					.headers((headers) -> headers.setBearerAuth(this.tokens.current()))
					.retrieve()
					.body(Standing.class));
			}
			catch (HttpClientErrorException.NotFound ex) {
				return Optional.empty();
			}
		});
	}

	/** The user asks to join; they wait unless they may join at once. */
	public Standing knock(UUID meetingId, UUID userId, String username, String name) {
		return this.calls.once(() -> this.meetings.post()
			.uri("/internal/meetings/{id}/admissions/{user}/knock", meetingId, userId)
			.headers((headers) -> headers.setBearerAuth(this.tokens.current()))
			.body(Map.of("username", username, "name", name))
			.retrieve()
			.body(Standing.class));
	}

	/**
	 * The host or a moderator {@code by} lets the user in ({@code admit}) or turns them
	 * away.
	 * @throws DecisionRefusedException when {@code by} may not decide, or the user cannot
	 * be admitted or denied
	 */
	public Standing decide(UUID meetingId, UUID userId, UUID by, boolean admit) {
		try {
			return this.calls.once(() -> this.meetings.post()
				.uri("/internal/meetings/{id}/admissions/{user}/{decision}", meetingId, userId,
						admit ? "admit" : "deny")
				.headers((headers) -> headers.setBearerAuth(this.tokens.current()))
				.body(Map.of("by", by))
				.retrieve()
				.body(Standing.class));
		}
		catch (HttpClientErrorException ex) {
			if (ex.getStatusCode().is4xxClientError() && ex.getStatusCode() != HttpStatus.UNAUTHORIZED) {
				JsonNode problem = ex.getResponseBodyAs(JsonNode.class);
				throw new DecisionRefusedException(
						(problem != null) ? problem.path("detail").asString("Not allowed") : "Not allowed");
			}
			throw ex;
		}
	}

	/** Who waits for an answer, longest waiting first, as participants. */
	public List<JsonNode> waiting(UUID meetingId) {
		JsonNode waiting = this.calls.idempotent(() -> this.meetings.get()
			.uri("/internal/meetings/{id}/admissions?state=waiting", meetingId)
			.headers((headers) -> headers.setBearerAuth(this.tokens.current()))
			.retrieve()
			.body(JsonNode.class));
		return (waiting != null) ? waiting.valueStream().toList() : List.of();
	}

	/** Whether calls are let through now. */
	CircuitBreaker.State breakerState() {
		return this.calls.state();
	}

	/** Media state or sharing announced over the participant's socket. */
	public void updateState(UUID meetingId, UUID userId, Map<String, Boolean> state) {
		this.calls.idempotent(() -> this.meetings.patch()
			.uri("/internal/meetings/{id}/participants/{user}/state", meetingId, userId)
			.headers((headers) -> headers.setBearerAuth(this.tokens.current()))
			.body(state)
			.retrieve()
			.toBodilessEntity());
	}

	/** The participant has had no socket in the meeting for too long. */
	public void leave(UUID meetingId, UUID userId) {
		this.calls.once(() -> this.meetings.post()
			.uri("/internal/meetings/{id}/participants/{user}/leave", meetingId, userId)
			.headers((headers) -> headers.setBearerAuth(this.tokens.current()))
			.retrieve()
			.toBodilessEntity());
	}

}
