package app.meet.devstack;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which instances the stack runs and where each listens: every service's instances follow
 * the gateway's port, the infrastructure has its own.
 *
 * @param ports the gateway's and the infrastructure's ports
 * @param instances how many instances of each service (one when absent)
 */
record StackTopology(StackPorts ports, Map<String, Integer> instances) {

	StackTopology {
		instances = Map.copyOf(instances);
	}

	int instancesOf(ServiceDefinition service) {
		return this.instances.getOrDefault(service.name(), 1);
	}

	/**
	 * {@code chat-service} for a single instance, {@code chat-service-2} for the second
	 * one.
	 */
	static String instanceName(ServiceDefinition service, int instance) {
		return (instance == 0) ? service.name() : service.name() + "-" + (instance + 1);
	}

	String instanceUrl(ServiceDefinition service, int instance) {
		return "http://127.0.0.1:" + service.port(this.ports.gateway(), instance);
	}

	/** Every instance's address, for the gateway and the deployment's {@code *_URLS}. */
	List<String> instanceUrls(ServiceDefinition service) {
		List<String> urls = new ArrayList<>();
		for (int instance = 0; instance < instancesOf(service); instance++) {
			urls.add(instanceUrl(service, instance));
		}
		return urls;
	}

	/** Every port the stack will bind, named. */
	Map<String, Integer> requiredPorts() {
		Map<String, Integer> required = new LinkedHashMap<>();
		required.put("gateway", this.ports.gateway());
		required.put("gateway management", this.ports.gatewayManagement());
		for (ServiceDefinition service : ServiceDefinition.SERVICES) {
			for (int instance = 0; instance < instancesOf(service); instance++) {
				required.put(instanceName(service, instance), service.port(this.ports.gateway(), instance));
			}
		}
		Infrastructure.Ports infra = this.ports.infrastructure();
		required.put("postgres", infra.postgres());
		required.put("redis", infra.redis());
		required.put("kafka", infra.kafka());
		required.put("kafka controller", infra.kafka() + 1);
		required.put("s3", infra.s3());
		return required;
	}

	/** The four servers, every service instance and the gateway. */
	int componentCount() {
		int services = ServiceDefinition.SERVICES.stream().mapToInt(this::instancesOf).sum();
		return 4 + services + 1;
	}

	/** {@code MEET_INSTANCES}, such as {@code chat-service=2,signaling-service=2}. */
	static Map<String, Integer> parseInstances(String spec) {
		Map<String, Integer> instances = new LinkedHashMap<>();
		if (spec == null || spec.isBlank()) {
			return Collections.unmodifiableMap(instances);
		}
		for (String entry : spec.split(",")) {
			String[] parts = entry.strip().split("=");
			if (parts.length != 2 || !parts[1].strip().matches("[1-9]")) {
				throw new DevStackException("MEET_INSTANCES entries look like chat-service=2, not '" + entry + "'");
			}
			instances.put(ServiceDefinition.named(parts[0].strip()).name(), Integer.parseInt(parts[1].strip()));
		}
		return Collections.unmodifiableMap(instances);
	}

}
