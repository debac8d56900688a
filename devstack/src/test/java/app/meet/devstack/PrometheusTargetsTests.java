package app.meet.devstack;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PrometheusTargetsTests {

	@Test
	void everyInstanceIsATargetOfItsServicesJobAndTheServersAreNot() {
		Map<String, Integer> ports = new LinkedHashMap<>();
		ports.put("gateway", 8080);
		ports.put("gateway management", 8089);
		ports.put("chat-service", 8083);
		ports.put("chat-service-2", 8183);
		ports.put("postgres", 55432);

		assertThat(PrometheusTargets.of(ports)).isEqualTo("""
				[
				  {"targets": ["127.0.0.1:8089"], "labels": {"job": "gateway", "meet_instance": "gateway"}},
				  {"targets": ["127.0.0.1:8083"], "labels": {"job": "chat-service", "meet_instance": "chat-service"}},
				  {"targets": ["127.0.0.1:8183"], "labels": {"job": "chat-service", "meet_instance": "chat-service-2"}}
				]
				""");
	}

}
