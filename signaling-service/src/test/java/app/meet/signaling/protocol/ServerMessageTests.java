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

class ServerMessageTests {

	private final JsonMapper json = JsonMapper.builder()
		.propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
		.build();

	@Test
	void framesAreCompactOneLineJsonWithoutUnsetMembers() {
		UUID meeting = UUID.randomUUID();
		UUID from = UUID.randomUUID();
		String frame = this.json.writeValueAsString(
				ServerMessage.relayed("offer", from, UUID.randomUUID(), meeting, Map.of("sdp", "v=0\r\na=x\r\n")));
		assertThat(frame).doesNotContain("\n").contains("\"meeting_id\":\"" + meeting + "\"").contains("\\r\\n");
		JsonNode pong = this.json.readTree(this.json.writeValueAsString(ServerMessage.PONG));
		assertThat(pong.propertyNames()).containsExactly("type");
	}

	@Test
	void pendingJoinRequestsCarryUnixSeconds() {
		UUID user = UUID.randomUUID();
		JsonNode knock = this.json
			.readTree(this.json.writeValueAsString(ServerMessage.pendingJoinRequest(UUID.randomUUID(), user, "ann",
					"ann@example.com", Instant.parse("2026-11-28T10:00:00Z"))));
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
		assertThat(dataMembers(ServerMessage.pendingJoinRequest(meeting, user, "ann", "ann@example.com", at)))
			.containsExactly("user_id", "username", "email", "timestamp");
		assertThat(dataMembers(ServerMessage.peerJoined(meeting, user, "ann"))).containsExactly("user_id", "username");
		assertThat(dataMembers(ServerMessage.peerLeft(meeting, user, "ann"))).containsExactly("user_id", "username");
		assertThat(dataMembers(ServerMessage.screenShareStarted(meeting, user, "ann", at))).containsExactly("user_id",
				"username", "timestamp");
		assertThat(dataMembers(ServerMessage.screenShareStopped(meeting, user))).containsExactly("user_id");
		assertThat(dataMembers(ServerMessage.mediaStateChanged(meeting, user, true, false))).containsExactly("is_muted",
				"is_video_on");
		assertThat(dataMembers(ServerMessage.joinApproved(meeting, user, true))).containsExactly("message");
		assertThat(this.json
			.readTree(this.json
				.writeValueAsString(ServerMessage.ready(meeting, List.of(new ServerMessage.PeerData(user, "ann")))))
			.get("data")
			.get(0)
			.propertyNames()).containsExactly("user_id", "username");
	}

	private Collection<String> dataMembers(ServerMessage message) {
		return this.json.readTree(this.json.writeValueAsString(message)).get("data").propertyNames();
	}

}
