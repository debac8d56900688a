package app.meet.devstack;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.RepeatedTest;

import static org.assertj.core.api.Assertions.assertThat;

class StackPortsTests {

	@RepeatedTest(200)
	void everyServerAndServiceGetsItsOwnPort() {
		StackPorts ports = StackPorts.random();

		List<Integer> infrastructure = ports.infrastructure().all();
		Set<Integer> all = new HashSet<>(infrastructure);
		assertThat(all).hasSameSizeAs(infrastructure);
		for (ServiceDefinition service : ServiceDefinition.SERVICES) {
			for (int instance = 0; instance < 2; instance++) {
				assertThat(all.add(service.port(ports.gateway(), instance))).as("%s instance %d", service, instance)
					.isTrue();
			}
		}
	}

}
