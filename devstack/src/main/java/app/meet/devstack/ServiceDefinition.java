package app.meet.devstack;

import java.nio.file.Path;
import java.util.List;

/**
 * One of the stack's processes: its module, its port relative to the gateway's and the
 * PostgreSQL schema it owns, if any.
 *
 * @param name the module and application name
 * @param portOffset added to the gateway port to give the first instance's port
 * @param schema the schema the service owns, or {@code null} when it keeps no relational
 * data
 */
public record ServiceDefinition(String name, int portOffset, String schema) {

	/** Instances beyond the first listen this far above the previous one. */
	public static final int INSTANCE_PORT_STEP = 100;

	public static final ServiceDefinition GATEWAY = new ServiceDefinition("gateway", 0, null);

	/**
	 * The gateway's management port (health details, metrics), off its public one, is
	 * this far above it.
	 */
	public static final int GATEWAY_MANAGEMENT_PORT_OFFSET = 9;

	public static final List<ServiceDefinition> SERVICES = List.of(new ServiceDefinition("auth-service", 1, "auth"),
			new ServiceDefinition("meeting-service", 2, "meeting"), new ServiceDefinition("chat-service", 3, "chat"),
			new ServiceDefinition("signaling-service", 4, null),
			new ServiceDefinition("recording-service", 5, "recording"));

	/** The database role the service connects as, for example {@code meeting_service}. */
	public String databaseRole() {
		return this.name.replace('-', '_');
	}

	public int port(int gatewayPort, int instance) {
		return gatewayPort + this.portOffset + instance * INSTANCE_PORT_STEP;
	}

	public Path jar(Path projectRoot) {
		return projectRoot.resolve(this.name).resolve("target").resolve(this.name + ".jar");
	}

	public static ServiceDefinition named(String name) {
		return SERVICES.stream()
			.filter((service) -> service.name().equals(name))
			.findFirst()
			.orElseThrow(() -> new DevStackException("No service named " + name + "; the services are "
					+ SERVICES.stream().map(ServiceDefinition::name).toList()));
	}

}
