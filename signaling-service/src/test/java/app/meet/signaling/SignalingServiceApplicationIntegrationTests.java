package app.meet.signaling;

import java.util.Set;

import app.meet.devstack.test.EmbeddedInfrastructure;
import app.meet.devstack.test.ServiceContractTests;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@EmbeddedInfrastructure
class SignalingServiceApplicationIntegrationTests extends ServiceContractTests {

	@LocalServerPort
	private int port;

	@Override
	protected int port() {
		return this.port;
	}

	@Override
	protected Set<String> readinessComponents() {
		return Set.of("kafka", "redis");
	}

	@Override
	protected String schema() {
		return null;
	}

}
