package app.meet.devstack;

import java.util.ArrayList;
import java.util.List;

/** The gateway's port (services follow it) and the infrastructure's ports. */
public record StackPorts(int gateway, Infrastructure.Ports infrastructure) {

	public static StackPorts random() {
		Infrastructure.Ports infrastructure = Infrastructure.Ports.random();
		int gateway = Waiter.freePort();
		while (!rangeFree(gateway, infrastructure.all())) {
			gateway = Waiter.freePort();
		}
		return new StackPorts(gateway, infrastructure);
	}

	/** The gateway's port for actuator endpoints, off its public one. */
	public int gatewayManagement() {
		return this.gateway + ServiceDefinition.GATEWAY_MANAGEMENT_PORT_OFFSET;
	}

	private static boolean rangeFree(int gateway, List<Integer> infrastructure) {
		if (infrastructure.contains(gateway)) {
			return false;
		}
		List<Integer> ports = new ArrayList<>();
		ports.add(gateway + ServiceDefinition.GATEWAY_MANAGEMENT_PORT_OFFSET);
		for (ServiceDefinition service : ServiceDefinition.SERVICES) {
			for (int instance = 0; instance < 2; instance++) {
				ports.add(service.port(gateway, instance));
			}
		}
		return ports.stream()
			.allMatch((port) -> port <= 32767 && !infrastructure.contains(port) && Waiter.isFree("0.0.0.0", port));
	}

}
