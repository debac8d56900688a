package app.meet.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code deploy/observability/}, checked without a Prometheus or Grafana running:
 * Prometheus' own checker reads the scrape configuration and the alert rules, and runs
 * the rules' unit tests (each alert fires on what it is about, with the text it is meant
 * to have); the dashboard is a Grafana dashboard whose every panel queries Prometheus;
 * the Compose overlay resolves and sends every service's spans to its tracing server.
 * That every metric they name exists is checked against the running stack
 * ({@code ObservabilityEndToEndTests}).
 */
class ObservabilityTests {

	static final Path OBSERVABILITY = Commands.PROJECT_ROOT.resolve("deploy/observability");

	private static final List<String> SERVICES = List.of("gateway", "auth-service", "meeting-service", "chat-service",
			"signaling-service", "recording-service");

	@Test
	void prometheusAcceptsTheScrapeConfigurationAndItsRules() {
		Commands.Result check = promtool("check", "config", "prometheus.yml");

		assertThat(check.exitCode()).as(check.output()).isZero();
		assertThat(check.output()).contains("SUCCESS: prometheus.yml is valid prometheus config file syntax")
			.contains("SUCCESS: 6 rules found");
	}

	@Test
	void prometheusAcceptsTheConfigurationForTheLocalStack() {
		Commands.Result check = promtool("check", "config", "prometheus-meet.yml");

		assertThat(check.exitCode()).as(check.output()).isZero();
		assertThat(check.output()).contains("SUCCESS: prometheus-meet.yml is valid prometheus config file syntax");
	}

	@Test
	void everyServiceIsScraped() {
		Map<String, Object> configuration = new Yaml().load(read(OBSERVABILITY.resolve("prometheus.yml")));
		List<String> jobs = new ArrayList<>();
		for (Object scrape : (List<?>) configuration.get("scrape_configs")) {
			Map<String, Object> job = Yamls.map(scrape);
			jobs.add((String) job.get("job_name"));
			assertThat(job.get("metrics_path")).isEqualTo("/actuator/prometheus");
		}
		assertThat(jobs).containsExactlyInAnyOrderElementsOf(SERVICES);
	}

	@Test
	void eachAlertFiresOnWhatItIsAbout() {
		Commands.Result test = promtool("test", "rules", "alerts-test.yml");

		assertThat(test.exitCode()).as(test.output()).isZero();
		assertThat(test.output()).contains("SUCCESS");
	}

	@Test
	void promtoolSpeaksUpWhenItShould(@TempDir Path directory) throws IOException {
		Path broken = Files.writeString(directory.resolve("alerts.yml"), """
				groups:
				  - name: broken
				    rules:
				      - alert: Unbalanced
				        expr: sum(rate(meet_outbox_backlog[5m])
				""");

		Commands.Result check = promtool("check", "rules", broken.toString());

		assertThat(check.exitCode()).isNotZero();
	}

	@Test
	void theDashboardQueriesPrometheusInEveryPanel() {
		Map<String, Object> dashboard = new Yaml().load(read(OBSERVABILITY.resolve("grafana/meet.json")));
		assertThat(dashboard.get("uid")).isEqualTo("meet-overview");
		List<String> titles = new ArrayList<>();
		for (Object element : (List<?>) dashboard.get("panels")) {
			Map<String, Object> panel = Yamls.map(element);
			if (panel.get("type").equals("row")) {
				continue;
			}
			String title = (String) panel.get("title");
			titles.add(title);
			assertThat(Yamls.map(panel.get("datasource"))).as(title).containsEntry("type", "prometheus");
			assertThat((List<?>) panel.get("targets")).as(title)
				.isNotEmpty()
				.allSatisfy((target) -> assertThat((String) Yamls.map(target).get("expr")).isNotBlank());
		}
		assertThat(titles).doesNotHaveDuplicates().hasSizeGreaterThan(15);
	}

	@Test
	void theComposeOverlaySendsEverySpanToItsTracingServer() {
		Commands.assumeInstalled("docker-compose", "docker-compose");
		Commands.Result config = Commands.run(Commands.PROJECT_ROOT, Duration.ofMinutes(1), "docker-compose",
				"--env-file", ComposeFile.ENV_EXAMPLE.toString(), "--file", ComposeFile.COMPOSE_FILE.toString(),
				"--file", OBSERVABILITY.resolve("docker-compose.observability.yml").toString(), "config");
		assertThat(config.exitCode()).as(config.output()).isZero();
		Map<String, Object> services = Yamls.map(new Yaml().<Map<String, Object>>load(config.output()).get("services"));

		assertThat(services).containsKeys("prometheus", "grafana", "jaeger");
		for (String service : SERVICES) {
			assertThat(Yamls.map(Yamls.map(services.get(service)).get("environment"))).as(service)
				.containsEntry("MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT", "http://jaeger:4318/v1/traces");
		}
		for (String mounted : List.of("prometheus.yml", "alerts.yml", "grafana/meet.json", "grafana/provisioning")) {
			assertThat(OBSERVABILITY.resolve(mounted)).exists();
		}
	}

	/**
	 * Prometheus' checker, run in deploy/observability; skips where it is not installed.
	 */
	private static Commands.Result promtool(String... arguments) {
		Commands.assumeInstalled("promtool", "prometheus");
		List<String> command = new ArrayList<>(List.of("promtool"));
		command.addAll(List.of(arguments));
		return Commands.run(OBSERVABILITY, Duration.ofMinutes(1), command.toArray(String[]::new));
	}

	private static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
