package app.meet.devstack;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The environment each process of the stack starts with: the development one (the
 * {@code dev} profile, the embedded servers, the stack's own addresses), or a
 * deployment's, its host names and ports mapped to the stack's.
 */
final class ServiceEnvironments {

	private final StackTopology topology;

	private final Infrastructure infrastructure;

	private final Map<String, String> settings;

	private final Map<String, Map<String, String>> deployment;

	/**
	 * @param settings what every process gets on top of the development environment
	 * @param deployment each process's deployment environment, or none for the
	 * development one
	 */
	ServiceEnvironments(StackTopology topology, Infrastructure infrastructure, Map<String, String> settings,
			Map<String, Map<String, String>> deployment) {
		this.topology = topology;
		this.infrastructure = infrastructure;
		this.settings = Map.copyOf(settings);
		this.deployment = Map.copyOf(deployment);
	}

	/** The environment of the named instance of the service (a fresh, mutable map). */
	Map<String, String> of(ServiceDefinition service, String name) {
		return this.deployment.isEmpty() ? development(service, name) : deployment(service);
	}

	private Map<String, String> development(ServiceDefinition service, String name) {
		Map<String, String> environment = new LinkedHashMap<>();
		environment.put("SPRING_PROFILES_ACTIVE", Stack.DEVELOPMENT_PROFILE);
		environment.putAll(this.infrastructure.environment());
		environment.putAll(this.settings);
		environment.put("MEET_INSTANCE", name);
		environment.put("AUTH_JWKS_URI", firstInstanceUrl("auth-service") + "/.well-known/jwks.json");
		if (service == ServiceDefinition.GATEWAY) {
			environment.putAll(gatewayRoutes());
		}
		else {
			// the services one service calls directly (signaling-service calls
			// meeting-service's internal endpoints with service tokens from auth-service)
			environment.put("AUTH_SERVICE_URL", firstInstanceUrl("auth-service"));
			environment.put("MEETING_SERVICE_URL", firstInstanceUrl("meeting-service"));
		}
		return environment;
	}

	/**
	 * The deployment's environment for the service, its host names and ports mapped to
	 * this stack's.
	 */
	private Map<String, String> deployment(ServiceDefinition service) {
		Map<String, String> given = this.deployment.get(service.name());
		if (given == null) {
			throw new DevStackException("The deployment environment has nothing for " + service.name());
		}
		Infrastructure.Ports infrastructure = this.topology.ports().infrastructure();
		Map<String, String> addresses = new LinkedHashMap<>();
		addresses.put("postgres:5432", "127.0.0.1:" + infrastructure.postgres());
		addresses.put("redis:6379", "127.0.0.1:" + infrastructure.redis());
		addresses.put("kafka:9092", this.infrastructure.environment().get("KAFKA_BOOTSTRAP_SERVERS"));
		addresses.put("minio:9000", "127.0.0.1:" + infrastructure.s3());
		Map<String, String> environment = new LinkedHashMap<>();
		given.forEach((variable, value) -> {
			if (variable.equals("MANAGEMENT_SERVER_PORT")
					|| variable.equals("SPRING_CLOUD_LOADBALANCER_HEALTH_CHECK_PORT")) {
				return;
			}
			String mapped = switch (variable) {
				case "DB_HOST", "REDIS_HOST" -> "127.0.0.1";
				case "DB_PORT" -> Integer.toString(infrastructure.postgres());
				case "REDIS_PORT" -> Integer.toString(infrastructure.redis());
				default -> value;
			};
			for (Map.Entry<String, String> address : addresses.entrySet()) {
				mapped = mapped.replace(address.getKey(), address.getValue());
			}
			for (ServiceDefinition other : ServiceDefinition.SERVICES) {
				String url = "http://" + other.name() + ":8080";
				if (mapped.startsWith(url) && variable.endsWith("_URLS")) {
					mapped = String.join(",", this.topology.instanceUrls(other));
				}
				mapped = mapped.replace(url, firstInstanceUrl(other.name()));
			}
			environment.put(variable, mapped);
		});
		return environment;
	}

	/**
	 * Tells the gateway where every instance of every service listens, for example
	 * {@code CHAT_SERVICE_URLS=http://127.0.0.1:8083,http://127.0.0.1:8183}.
	 */
	private Map<String, String> gatewayRoutes() {
		Map<String, String> environment = new LinkedHashMap<>();
		for (ServiceDefinition service : ServiceDefinition.SERVICES) {
			List<String> urls = this.topology.instanceUrls(service);
			environment.put(service.name().replace('-', '_').toUpperCase() + "_URLS", String.join(",", urls));
		}
		return environment;
	}

	private String firstInstanceUrl(String service) {
		return this.topology.instanceUrl(ServiceDefinition.named(service), 0);
	}

}
