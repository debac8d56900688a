package app.meet.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import app.meet.devstack.Stack;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every metric the alert rules and the dashboard in {@code deploy/observability/} name
 * exists in a scrape of the running stack (every instance of every service and the
 * gateway's management port), so a renamed metric cannot leave a panel empty or an alert
 * silent; and the scrapes, in the format Prometheus asks for, are ones it takes. Runs
 * after the tests that make the stack signal, stream and relay.
 */
@Order(Integer.MAX_VALUE - 3)
class ObservabilityEndToEndTests {

	private static final Path OBSERVABILITY = Path.of("..", "deploy", "observability");

	/** Series Prometheus makes itself for every target. */
	private static final Set<String> SYNTHETIC = Set.of("up");

	private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "inf", "nan");

	private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*+(?!\\s*\\()");

	/** Reads the rules' YAML and the dashboard's JSON alike. */
	private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

	/** The format Prometheus asks for first. */
	private static final String OPEN_METRICS = "application/openmetrics-text;version=1.0.0";

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private static Stack stack;

	@BeforeAll
	static void stack() {
		stack = RunningStack.get();
	}

	@Test
	void everyMetricTheAlertsAndTheDashboardUseIsScraped() throws Exception {
		Map<String, Set<String>> scraped = scrape();
		Set<String> names = new TreeSet<>();
		scraped.values().forEach(names::addAll);

		Map<String, String> used = new TreeMap<>();
		alertExpressions().forEach((expression) -> metricNames(expression).forEach((name) -> used.put(name, "alerts")));
		dashboardExpressions()
			.forEach((expression) -> metricNames(expression).forEach((name) -> used.putIfAbsent(name, "dashboard")));

		assertThat(used).as("metrics named by the alerts and the dashboard").hasSizeGreaterThan(15);
		assertThat(used.keySet().stream().filter((name) -> !SYNTHETIC.contains(name) && !names.contains(name)))
			.as("named in deploy/observability but in no scrape of the stack")
			.isEmpty();
		assertThat(scraped).as("the product's metrics, where they belong")
			.hasEntrySatisfying("meeting-service",
					(metrics) -> assertThat(metrics).contains("meet_meetings_active", "meet_outbox_backlog",
							"meet_kafka_consumer_lag_records"))
			.hasEntrySatisfying("signaling-service",
					(metrics) -> assertThat(metrics).contains("meet_signaling_sockets",
							"meet_signaling_relay_latency_seconds_bucket", "meet_signaling_messages_seconds_count"))
			.hasEntrySatisfying("chat-service",
					(metrics) -> assertThat(metrics).contains("meet_chat_stream_subscribers",
							"meet_chat_stream_delivery_lag_seconds_bucket"))
			.hasEntrySatisfying("gateway",
					(metrics) -> assertThat(metrics).contains("meet_gateway_rate_limited_total"));
	}

	@Test
	void metricNamesAreReadOutOfPromQl() {
		assertThat(metricNames("""
				histogram_quantile(0.99, sum by (job, le) (rate(http_server_requests_seconds_bucket{job=~"$job",
				uri!~".*/events|/ws"}[$__rate_interval]))) > 1 and on (job) max by (group, topic)
				(deriv(meet_kafka_consumer_lag_records[10m])) > 0 or up == bool 0
				""")).containsExactly("http_server_requests_seconds_bucket", "meet_kafka_consumer_lag_records", "up");
	}

	/** The metric names in each service's scrapes (all of its instances together). */
	private static Map<String, Set<String>> scrape() throws IOException, InterruptedException {
		Map<String, Set<String>> names = new TreeMap<>();
		Map<String, List<String>> targets = new TreeMap<>();
		targets.put("gateway", List.of(stack.gatewayManagementUrl()));
		for (String service : List.of("auth-service", "meeting-service", "recording-service")) {
			targets.put(service, List.of(stack.instanceUrl(service, 0)));
		}
		for (String service : List.of("chat-service", "signaling-service")) {
			targets.put(service, List.of(stack.instanceUrl(service, 0), stack.instanceUrl(service, 1)));
		}
		for (Map.Entry<String, List<String>> target : targets.entrySet()) {
			for (String url : target.getValue()) {
				HttpResponse<String> scrape = HTTP.send(HttpRequest.newBuilder(URI.create(url + "/actuator/prometheus"))
					.header("Accept", OPEN_METRICS)
					.timeout(Duration.ofSeconds(10))
					.build(), HttpResponse.BodyHandlers.ofString());
				assertThat(scrape.statusCode()).as(url).isEqualTo(200);
				assertThat(scrape.body().lines().filter((line) -> line.contains(" # {")))
					.as("exemplars, which Prometheus 2.42 refuses on a timer's count, failing the scrape")
					.isEmpty();
				scrape.body()
					.lines()
					.filter((line) -> !line.isBlank() && !line.startsWith("#"))
					.map((line) -> line.split("[{ ]", 2)[0])
					.forEach((name) -> names.computeIfAbsent(target.getKey(), (key) -> new TreeSet<>()).add(name));
			}
		}
		return names;
	}

	private static List<String> alertExpressions() throws IOException {
		JsonNode rules = YAML.readTree(OBSERVABILITY.resolve("alerts.yml").toFile());
		List<String> expressions = new ArrayList<>();
		rules.path("groups").forEach((group) -> group.path("rules").forEach((rule) -> {
			assertThat(rule.path("expr").asText()).as(rule.path("alert").asText()).isNotBlank();
			expressions.add(rule.path("expr").asText());
		}));
		return expressions;
	}

	private static List<String> dashboardExpressions() throws IOException {
		JsonNode dashboard = YAML.readTree(OBSERVABILITY.resolve("grafana/meet.json").toFile());
		List<String> expressions = new ArrayList<>();
		dashboard.path("panels")
			.forEach((panel) -> panel.path("targets")
				.forEach((target) -> expressions.add(target.path("expr").asText())));
		return expressions;
	}

	/**
	 * The metric names in a PromQL expression: what is left once label matchers, strings,
	 * ranges, grouping clauses, Grafana's variables, functions and keywords are taken
	 * out.
	 */
	static Set<String> metricNames(String expression) {
		String bare = expression.replaceAll("\\$\\{?\\w+}?", "")
			.replaceAll("\\{[^}]*}", "")
			.replaceAll("\"[^\"]*\"", "")
			.replaceAll("\\[[^]]*]", "")
			.replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", "");
		Set<String> names = new TreeSet<>();
		Matcher identifier = IDENTIFIER.matcher(bare);
		while (identifier.find()) {
			String name = identifier.group();
			if (!KEYWORDS.contains(name.toLowerCase(Locale.ROOT))) {
				names.add(name);
			}
		}
		return names;
	}

}
