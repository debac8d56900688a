package app.meet.e2e;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Signed-up users and open meetings without a waiting room, through the gateway. */
final class Rooms {

	private final Gateway gateway;

	Rooms(Gateway gateway) {
		this.gateway = gateway;
	}

	User newUser() {
		JsonNode registered = this.gateway.register();
		return new User(registered.get("user").get("id").asString(), registered.get("access_token").asString());
	}

	/** An active meeting without a waiting room, its host and guests in it. */
	Room open(int guests, Map<String, Object> settings) {
		User host = newUser();
		Map<String, Object> allSettings = new HashMap<>(settings);
		allSettings.put("waiting_room_enabled", false);
		JsonNode meeting = Gateway
			.json(this.gateway.post("/api/meetings", host.token(), Map.of("title", "Room", "settings", allSettings)));
		Room room = new Room(meeting.get("id").asString(), meeting.get("code").asString(), host, new ArrayList<>());
		join(room, host);
		for (int i = 0; i < guests; i++) {
			User guest = newUser();
			join(room, guest);
			room.guests().add(guest);
		}
		return room;
	}

	void join(Room room, User user) {
		HttpResponse<String> joined = this.gateway.post("/api/meetings/join", user.token(),
				Map.of("code", room.code()));
		assertThat(joined.statusCode()).as(joined.body()).isEqualTo(200);
	}

	record User(String id, String token) {
	}

	record Room(String id, String code, User host, List<User> guests) {
	}

}
