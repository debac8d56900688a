package app.meet.signaling.protocol;

import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/** Reads client frames into {@link ClientMessage}s. */
@Component
public class ClientMessages {

	private static final Map<String, Function<JsonNode, ClientMessage>> READERS = Map.ofEntries(
			Map.entry("offer", (message) -> signal(message, ClientMessage.Offer::new)),
			Map.entry("answer", (message) -> signal(message, ClientMessage.Answer::new)),
			Map.entry("ice-candidate", (message) -> signal(message, ClientMessage.IceCandidate::new)),
			Map.entry("media-state-changed", ClientMessages::mediaState),
			Map.entry("screen-share-started",
					(message) -> new ClientMessage.ScreenShareStarted(
							message.path("data").path("username").asString(null))),
			Map.entry("screen-share-stopped", (message) -> new ClientMessage.ScreenShareStopped()),
			Map.entry("host-join", (message) -> new ClientMessage.HostJoin()),
			Map.entry("join-request", (message) -> new ClientMessage.JoinRequest()),
			Map.entry("approve-join-request", (message) -> decision(message, true)),
			Map.entry("reject-join-request", (message) -> decision(message, false)),
			Map.entry("ping", (message) -> new ClientMessage.Ping()),
			Map.entry("leave", (message) -> new ClientMessage.Leave()));

	private final JsonMapper json;

	ClientMessages(JsonMapper json) {
		this.json = json;
	}

	public ClientMessage read(String frame) {
		JsonNode message;
		try {
			message = this.json.readTree(frame);
		}
		catch (JacksonException ex) {
			return new ClientMessage.Invalid("Invalid message format");
		}
		if (message == null || !message.isObject() || !message.path("type").isString()) {
			return new ClientMessage.Invalid("A message needs a type");
		}
		Function<JsonNode, ClientMessage> reader = READERS.get(message.get("type").asString());
		return (reader != null) ? reader.apply(message) : new ClientMessage.Invalid("Unknown message type");
	}

	private static ClientMessage signal(JsonNode message, SignalFactory factory) {
		UUID to = uuid(message.path("to"));
		if (to == null) {
			return new ClientMessage.Invalid("Recipient is required for signaling messages");
		}
		if (!message.path("data").isObject()) {
			return new ClientMessage.Invalid("Signaling messages need data");
		}
		return factory.create(to, message.get("data"));
	}

	private static ClientMessage mediaState(JsonNode message) {
		JsonNode data = message.path("data");
		if (!data.path("is_muted").isBoolean() || !data.path("is_video_on").isBoolean()) {
			return new ClientMessage.Invalid("Media state needs is_muted and is_video_on");
		}
		return new ClientMessage.MediaStateChanged(data.get("is_muted").asBoolean(),
				data.get("is_video_on").asBoolean());
	}

	private static ClientMessage decision(JsonNode message, boolean admit) {
		UUID userId = uuid(message.path("data").path("user_id"));
		return (userId != null) ? new ClientMessage.Decision(userId, admit)
				: new ClientMessage.Invalid("Join request not found");
	}

	private static UUID uuid(JsonNode value) {
		if (!value.isString()) {
			return null;
		}
		try {
			return UUID.fromString(value.asString());
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	@FunctionalInterface
	private interface SignalFactory {

		ClientMessage create(UUID to, JsonNode data);

	}

}
