package app.meet.signaling.room;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

class ConnectionTests {

	private final Connection connection = new Connection(null, UUID.randomUUID(),
			new Connection.User(UUID.randomUUID(), "ann", "Ann", "ann@example.com"), null, 50);

	@Test
	void fiftyFramesASecondPassAndTheRestOfThatSecondIsRefused() {
		long start = 1_000_000;
		for (int frame = 0; frame < 50; frame++) {
			assertThat(this.connection.withinRate(start + frame)).isTrue();
		}
		assertThat(this.connection.withinRate(start + 100)).isFalse();
		assertThat(this.connection.withinRate(start + 999)).isFalse();
		assertThat(this.connection.withinRate(start + 1000)).as("a new second").isTrue();
	}

	@Test
	void aFrameSentOnceIsNotSentAgainButAnotherIs() throws Exception {
		WebSocketSession session = mock(WebSocketSession.class);
		Connection decider = new Connection(session, UUID.randomUUID(),
				new Connection.User(UUID.randomUUID(), "ann", "Ann", "ann@example.com"), null, 50);

		decider.sendOnce("{\"type\":\"pending-join-request\",\"from\":\"bob\"}");
		decider.sendOnce("{\"type\":\"pending-join-request\",\"from\":\"bob\"}");
		decider.sendOnce("{\"type\":\"pending-join-request\",\"from\":\"cy\"}");

		verify(session, times(1)).sendMessage(new TextMessage("{\"type\":\"pending-join-request\",\"from\":\"bob\"}"));
		verify(session, times(1)).sendMessage(new TextMessage("{\"type\":\"pending-join-request\",\"from\":\"cy\"}"));
	}

	@Test
	void aSocketIsPendingUntilAdmittedAndNotAdmittedOnceClosed() {
		assertThat(this.connection.admitted()).isFalse();
		this.connection.admit();
		assertThat(this.connection.admitted()).isTrue();
		this.connection.markClosed();
		assertThat(this.connection.admitted()).isFalse();
	}

}
