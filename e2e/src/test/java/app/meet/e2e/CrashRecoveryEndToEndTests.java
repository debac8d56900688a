package app.meet.e2e;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import app.meet.devstack.Stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A service instance killed outright (kill -9), as a crash would: the stack's supervisor
 * starts it again, and the meeting's chat goes on through the gateway.
 */
@Order(9)
class CrashRecoveryEndToEndTests {

	private static Stack stack;

	private static Gateway gateway;

	@BeforeAll
	static void stack() {
		stack = RunningStack.get();
		gateway = new Gateway(stack.gatewayUrl());
	}

	@Test
	void aKilledInstanceIsStartedAgainAndServesOnceReady() {
		Rooms.Room room = new Rooms(gateway).open(0, Map.of());
		String messages = "/api/meetings/" + room.id() + "/messages";
		long killed = stack.pid("chat-service-2");

		assertThat(ProcessHandle.of(killed).map(ProcessHandle::destroyForcibly)).hasValue(true);

		await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
			assertThat(RunningStack.SUPERVISOR_EVENTS).anyMatch((event) -> event.startsWith("chat-service-2 exited"))
				.contains("chat-service-2 restarted");
		});
		assertThat(stack.pid("chat-service-2")).isNotEqualTo(killed);
		for (int post = 0; post < 10; post++) {
			assertThat(gateway.post(messages, room.host().token(), Map.of("content", "after the crash " + post))
				.statusCode()).isEqualTo(201);
		}
	}

}
