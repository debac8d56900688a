package app.meet.devstack;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The running stack's scrape targets in Prometheus' file-based discovery format: each
 * instance's {@code /actuator/prometheus} (the gateway's on its management port),
 * labelled with its service as {@code job}, as the compose and Kubernetes configurations
 * label theirs, so that the same alerts and dashboard apply.
 */
public final class PrometheusTargets {

	private PrometheusTargets() {
	}

	/**
	 * The targets of the stack's ports as a JSON document for {@code file_sd_configs}.
	 */
	public static String of(Map<String, Integer> requiredPorts) {
		List<String> groups = new ArrayList<>();
		requiredPorts.forEach((name, port) -> {
			String job = job(name);
			if (job != null) {
				groups
					.add("  {\"targets\": [\"127.0.0.1:%d\"], \"labels\": {\"job\": \"%s\", \"meet_instance\": \"%s\"}}"
						.formatted(port, job, name.equals("gateway management") ? "gateway" : name));
			}
		});
		return "[\n" + String.join(",\n", groups) + "\n]\n";
	}

	/** The service a port belongs to; null for the gateway's public port and servers. */
	private static String job(String portName) {
		if (portName.equals("gateway management")) {
			return "gateway";
		}
		return ServiceDefinition.SERVICES.stream()
			.map(ServiceDefinition::name)
			.filter((service) -> portName.equals(service) || portName.matches(service + "-\\d+"))
			.findFirst()
			.orElse(null);
	}

}
