package app.meet.signaling.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

class RouterTests {

	private final List<NodeMessage> handled = new ArrayList<>();

	private final NodeMessage message = new NodeMessage(NodeMessage.Kind.SEND, UUID.randomUUID(),
			"{\"type\":\"pong\"}");

	@Test
	void aLocalRouterHandsItsOwnMessagesOverAsTheyAre() {
		Router router = new LocalRouter("signaling-a-1234", () -> this.handled::add);

		router.send("signaling-a-1234", this.message);
		router.send("signaling-b-5678", this.message);

		assertThat(this.handled).as("the same message, once; none for an instance it does not have")
			.singleElement()
			.isSameAs(this.message);
	}

	@Test
	void aRedisRouterDeliversToItsOwnSocketsWithoutRedisOrAnEnvelope() {
		StringRedisTemplate redis = mock(StringRedisTemplate.class);
		given(redis.getRequiredConnectionFactory()).willReturn(mock(RedisConnectionFactory.class));
		Router router = new RedisRouter(new LocalRouter("signaling-a-1234", () -> this.handled::add), redis,
				JsonMapper.builder().build(), new SimpleMeterRegistry(), ObservationRegistry.NOOP);

		router.send("signaling-a-1234", this.message);

		assertThat(this.handled).singleElement().isSameAs(this.message);
		verify(redis, never()).convertAndSend(anyString(), anyString());
		assertThat(router.isLocal("signaling-a-1234")).isTrue();
		assertThat(router.isLocal("signaling-a-9999")).as("the same instance restarted is another node").isFalse();
	}

}
