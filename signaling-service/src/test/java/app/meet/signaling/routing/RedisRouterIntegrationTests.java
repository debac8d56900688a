package app.meet.signaling.routing;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import app.meet.devstack.test.EmbeddedInfrastructure;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Two instances' routers on the real Redis. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@EmbeddedInfrastructure
class RedisRouterIntegrationTests {

	@Autowired
	private StringRedisTemplate redis;

	@Autowired
	private JsonMapper json;

	private final List<RedisRouter> started = new CopyOnWriteArrayList<>();

	@AfterEach
	void stopRouters() {
		this.started.forEach(RedisRouter::stop);
	}

	@Test
	void whatOneInstanceSendsAnotherArrivesWholeAndInTheOrderSent() {
		List<NodeMessage> atA = new CopyOnWriteArrayList<>();
		List<NodeMessage> atB = new CopyOnWriteArrayList<>();
		MeterRegistry metersAtB = new SimpleMeterRegistry();
		RedisRouter a = start("signaling-a-" + UUID.randomUUID(), atA::add, new SimpleMeterRegistry());
		RedisRouter b = start("signaling-b-" + UUID.randomUUID(), atB::add, metersAtB);
		UUID socket = UUID.randomUUID();
		List<NodeMessage> sent = IntStream.range(0, 200)
			.mapToObj((index) -> new NodeMessage(NodeMessage.Kind.SEND, socket,
					"{\"type\":\"offer\",\"data\":{\"sdp\":\"v=0\\r\\n" + index + " é ✓\"}}"))
			.toList();

		sent.forEach((message) -> a.send(b.node(), message));
		a.send(b.node(), new NodeMessage(NodeMessage.Kind.TAKE_OVER, socket, null));

		await().atMost(Duration.ofSeconds(10)).until(() -> atB.size() == sent.size() + 1);
		assertThat(atB.subList(0, sent.size())).containsExactlyElementsOf(sent);
		assertThat(atB.getLast()).isEqualTo(new NodeMessage(NodeMessage.Kind.TAKE_OVER, socket, null));
		assertThat(atA).as("nothing comes back to the sender").isEmpty();
		assertThat(metersAtB.get("meet.signaling.relay.latency").timer().count()).as("each hop measured")
			.isEqualTo(sent.size() + 1);
	}

	@Test
	void aMessageForAStoppedInstanceReachesNoOtherInstance() {
		List<NodeMessage> atB = new CopyOnWriteArrayList<>();
		RedisRouter a = start("signaling-a-" + UUID.randomUUID(), (message) -> {
		}, new SimpleMeterRegistry());
		RedisRouter b = start("signaling-b-" + UUID.randomUUID(), atB::add, new SimpleMeterRegistry());
		UUID socket = UUID.randomUUID();

		a.send("signaling-b-stopped", new NodeMessage(NodeMessage.Kind.CLOSE, socket, null));
		a.send(b.node(), new NodeMessage(NodeMessage.Kind.CLOSE, socket, null));

		await().atMost(Duration.ofSeconds(10)).until(() -> !atB.isEmpty());
		assertThat(atB).singleElement().isEqualTo(new NodeMessage(NodeMessage.Kind.CLOSE, socket, null));
	}

	private RedisRouter start(String node, NodeMessageHandler handler, MeterRegistry meters) {
		RedisRouter router = new RedisRouter(new LocalRouter(node, () -> handler), this.redis, this.json, meters,
				ObservationRegistry.NOOP);
		router.start();
		this.started.add(router);
		assertThat(router.isRunning()).as("listening once started").isTrue();
		return router;
	}

}
