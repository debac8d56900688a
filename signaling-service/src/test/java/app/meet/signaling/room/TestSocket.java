package app.meet.signaling.room;

import java.io.IOException;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import app.meet.signaling.meeting.Standing;

import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;

/** A socket of this instance whose frames the test reads. */
record TestSocket(Connection connection, List<String> frames) {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	static TestSocket open(UUID meetingId, UUID userId, String username, Standing standing) {
		List<String> frames = new CopyOnWriteArrayList<>();
		WebSocketSession session = mock(WebSocketSession.class);
		try {
			doAnswer((call) -> frames.add(call.<TextMessage>getArgument(0).getPayload())).when(session)
				.sendMessage(any());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		return new TestSocket(
				new Connection(session, meetingId,
						new Connection.User(userId, username, username, username + "@example.com"), standing, 50),
				frames);
	}

	List<String> types() {
		return this.frames.stream().map((frame) -> read(frame).path("type").asString()).toList();
	}

	JsonNode last() {
		return read(this.frames.getLast());
	}

	static JsonNode read(String frame) {
		return JSON.readTree(frame);
	}

}
