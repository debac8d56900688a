package app.meet.gateway.health;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import reactor.core.publisher.Mono;

import app.meet.platform.problem.Problems;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /health}: the gateway is alive. {@code /ready}: the gateway and every service
 * behind it can take traffic; otherwise 503 naming what is not ready.
 */
@RestController
class HealthController {

	private final StackReadiness readiness;

	HealthController(StackReadiness readiness) {
		this.readiness = readiness;
	}

	@GetMapping("/health")
	Map<String, String> health() {
		return Map.of("status", "ok");
	}

	@GetMapping("/ready")
	Mono<ResponseEntity<Object>> ready() {
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
