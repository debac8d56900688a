package app.meet.signaling.protocol;

import java.time.Instant;
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
		String frame = this.json.writeValueAsString(ServerMessage.relayed("offer", from, UUID.randomUUID(), meeting,
				java.util.Map.of("sdp", "v=0\r\na=x\r\n")));
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

}
