package app.meet.signaling.protocol;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class ServerFramesTests {

	private final JsonMapper json = JsonMapper.builder()
		.propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
		.build();

	private final ServerFrames frames = new ServerFrames(this.json);

	@Test
	void framesAreCompactOneLineJsonWithoutUnsetMembers() {
		UUID meeting = UUID.randomUUID();
		UUID from = UUID.randomUUID();
		String frame = this.frames.write(new ServerMessage.Relayed("offer", from, UUID.randomUUID(), meeting,
				this.json.readTree("{\"sdp\":\"v=0\\r\\na=x\\r\\n\"}")));
		assertThat(frame).doesNotContain("\n").contains("\"meeting_id\":\"" + meeting + "\"").contains("\\r\\n");
		JsonNode pong = this.json.readTree(this.frames.write(new ServerMessage.Pong()));
		assertThat(pong.propertyNames()).containsExactly("type");
	}

	@Test
	void pendingJoinRequestsCarryUnixSeconds() {
		UUID user = UUID.randomUUID();
		JsonNode knock = this.json.readTree(this.frames.write(new ServerMessage.PendingJoinRequest(UUID.randomUUID(),
				user, "ann", "ann@example.com", Instant.parse("2026-11-28T10:00:00Z"))));
		assertThat(knock.get("from").asString()).isEqualTo(user.toString());
		assertThat(knock.get("data").get("timestamp").asLong()).isEqualTo(1795860000L);
		assertThat(knock.get("data").get("username").asString()).isEqualTo("ann");
	}

	/**
	 * A knock reaches a decider from two instances, and the socket drops the copy only if
	 * both wrote the same text: a {@code Map.of} payload's order changes from one JVM to
	 * the next.
	 */
	@Test
	void theServersOwnPayloadsHaveOneMemberOrderOnEveryInstance() {
		UUID meeting = UUID.randomUUID();
		UUID user = UUID.randomUUID();
		Instant at = Instant.parse("2026-11-28T10:00:00Z");
		assertThat(dataMembers(new ServerMessage.PendingJoinRequest(meeting, user, "ann", "ann@example.com", at)))
			.containsExactly("user_id", "username", "email", "timestamp");
		assertThat(dataMembers(new ServerMessage.PeerJoined(meeting, user, "ann"))).containsExactly("user_id",
				"username");
		assertThat(dataMembers(new ServerMessage.PeerLeft(meeting, user, "ann"))).containsExactly("user_id",
				"username");
		assertThat(dataMembers(new ServerMessage.ScreenShareStarted(meeting, user, "ann", at)))
			.containsExactly("user_id", "username", "timestamp");
		assertThat(dataMembers(new ServerMessage.ScreenShareStopped(meeting, user))).containsExactly("user_id");
		assertThat(dataMembers(new ServerMessage.MediaStateChanged(meeting, user, true, false)))
			.containsExactly("is_muted", "is_video_on");
		assertThat(dataMembers(new ServerMessage.JoinApproved(meeting, user, true))).containsExactly("message");
		assertThat(this.json
			.readTree(this.frames
				.write(new ServerMessage.Ready(meeting, List.of(new ServerMessage.PeerData(user, "ann")))))
			.get("data")
			.get(0)
			.propertyNames()).containsExactly("user_id", "username");
	}

	@Test
	void everyMessageIsWrittenWithTheTypeTheFrontendListensFor() {
		UUID meeting = UUID.randomUUID();
		UUID user = UUID.randomUUID();
		Instant at = Instant.parse("2026-11-28T10:00:00Z");
		Map<ServerMessage, String> types = Map.ofEntries(Map.entry(new ServerMessage.Pong(), "pong"),
				Map.entry(new ServerMessage.ErrorMessage("no"), "error"),
				Map.entry(new ServerMessage.Relayed("answer", user, user, meeting, this.json.readTree("{}")), "answer"),
				Map.entry(new ServerMessage.JoinRequestPending(meeting), "join-request-pending"),
				Map.entry(new ServerMessage.PendingJoinRequest(meeting, user, "ann", null, at), "pending-join-request"),
				Map.entry(new ServerMessage.JoinApproved(meeting, user, false), "join-approved"),
				Map.entry(new ServerMessage.JoinRejected(meeting, user), "join-rejected"),
				Map.entry(new ServerMessage.PeerJoined(meeting, user, "ann"), "peer-joined"),
				Map.entry(new ServerMessage.PeerLeft(meeting, user, "ann"), "peer-left"),
				Map.entry(new ServerMessage.MediaStateChanged(meeting, user, false, true), "media-state-changed"),
				Map.entry(new ServerMessage.Ready(meeting, List.of()), "ready"),
				Map.entry(new ServerMessage.ScreenShareStarted(meeting, user, "ann", at), "screen-share-started"),
				Map.entry(new ServerMessage.ScreenShareStopped(meeting, user), "screen-share-stopped"));
		assertThat(types.keySet().stream().map(Object::getClass).distinct())
			.as("every kind of server message is checked")
			.hasSize(ServerMessage.class.getPermittedSubclasses().length);
		types.forEach(
				(message, type) -> assertThat(this.json.readTree(this.frames.write(message)).get("type").asString())
					.isEqualTo(type));
		assertThat(this.json.readTree(this.frames.write(new ServerMessage.JoinRejected(meeting, user)))
			.get("to")
			.asString()).as("a decision is addressed to the user it is about").isEqualTo(user.toString());
	}

	private Collection<String> dataMembers(ServerMessage message) {
		return this.json.readTree(this.frames.write(message)).get("data").propertyNames();
	}

}
