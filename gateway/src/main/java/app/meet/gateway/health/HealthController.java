package app.meet.gateway.health;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Mono;

import app.meet.platform.problem.Problems;

import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The public probes. {@code /health}: the gateway is alive. {@code /ready}: this gateway
 * takes traffic (a load balancer's check; it does not depend on the services, so a
 * service that is down does not take every gateway out of rotation with it, and it turns
 * 503 as the gateway shuts down). {@code /health/stack}: the gateway and every service
 * behind it can take traffic, otherwise 503 naming what is not ready (what {@code ./meet}
 * waits for and an operator asks).
 */
@RestController
@Tag(name = "probes", description = "Whether the gateway, and the stack behind it, can serve")
class HealthController {

	private final StackReadiness readiness;

	private final ApplicationAvailability availability;

	HealthController(StackReadiness readiness, ApplicationAvailability availability) {
		this.readiness = readiness;
		this.availability = availability;
	}

	@Operation(summary = "Liveness of the gateway")
	@GetMapping("/health")
	Map<String, String> health() {
		return Map.of("status", "ok");
	}

	@Operation(summary = "Readiness of the gateway")
	@GetMapping("/ready")
	ResponseEntity<Object> ready() {
		if (this.availability.getReadinessState() == ReadinessState.ACCEPTING_TRAFFIC) {
			return ResponseEntity.ok(Map.of("status", "ready"));
		}
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(Problems.complete(Problems.of(HttpStatus.SERVICE_UNAVAILABLE,
					"This gateway is not taking traffic (starting or shutting down)", "not-ready"), null));
	}

	@Operation(summary = "Readiness of every service behind the gateway")
	@GetMapping("/health/stack")
	Mono<ResponseEntity<Object>> stack() {
		return this.readiness.check().map((components) -> {
			Map<String, String> states = new TreeMap<>();
			components.forEach((name, ready) -> states.put(name, ready ? "ready" : "not ready"));
			List<String> notReady = components.entrySet()
				.stream()
				.filter((component) -> !component.getValue())
				.map(Map.Entry::getKey)
				.toList();
			if (notReady.isEmpty()) {
				return ResponseEntity.ok(Map.of("status", "ready", "components", states));
			}
			ProblemDetail problem = Problems.of(HttpStatus.SERVICE_UNAVAILABLE,
					"Not ready: " + String.join(", ", notReady), "not-ready");
			problem.setProperty("not_ready", notReady);
			problem.setProperty("components", states);
			return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
				.contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.body(Problems.complete(problem, null));
		});
	}

}
