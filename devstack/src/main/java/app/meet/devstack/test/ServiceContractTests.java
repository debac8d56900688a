package app.meet.devstack.test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;

import app.meet.devstack.PostgresServer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every service promises, checked against the real servers: it starts, migrates its
 * own schema as its own role, reports readiness only with its servers reachable, exposes
 * metrics, and answers errors as problem+json with a request id. A service's test extends
 * this, naming its schema and the servers its readiness depends on.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@EmbeddedInfrastructure
public abstract class ServiceContractTests {

	private final HttpClient http = HttpClient.newHttpClient();

	private final String schema;

	private final Set<String> readinessComponents;

	@Value("${local.server.port}")
	private int port;

	/**
	 * @param schema the schema the service owns, or {@code null} if it keeps no
	 * relational data
	 * @param readinessComponents the health contributors that must be up before the
	 * service reports itself ready
	 */
	protected ServiceContractTests(String schema, String... readinessComponents) {
		this.schema = schema;
		this.readinessComponents = Set.of(readinessComponents);
	}

	@Test
	protected void isReadyOnlyWithItsServersUp() throws Exception {
		HttpResponse<String> response = get("/actuator/health/readiness");
		assertThat(response.statusCode()).isEqualTo(200);
		for (String component : this.readinessComponents) {
			assertThat(response.body()).contains("\"" + component + "\":{\"status\":\"UP\"}");
		}
		assertThat(response.body()).as("the outbox rides out a broker outage, so Kafka is not a reason to stop serving")
			.doesNotContain("\"kafka\"");
		assertThat(response.body()).as("what the checks found is not public").doesNotContain("details");
		HttpResponse<String> health = get("/actuator/health");
		assertThat(health.body()).contains("\"kafka\":{\"status\":\"UP\"}").doesNotContain("details");
	}

	@Test
	protected void isAliveAndExposesPrometheusMetrics() throws Exception {
		assertThat(get("/actuator/health/liveness").statusCode()).isEqualTo(200);
		HttpResponse<String> metrics = get("/actuator/prometheus");
		assertThat(metrics.statusCode()).isEqualTo(200);
		assertThat(metrics.body()).contains("jvm_memory_used_bytes");
	}

	@Test
	protected void migratesItsOwnSchemaAsItsOwnRole() throws SQLException {
		Assumptions.assumeTrue(this.schema != null, "this service keeps no relational data");
		PostgresServer postgres = SharedInfrastructure.get().postgres();
		String role = this.schema + "_service";
		try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(PostgresServer.DATABASE), role, role);
				Statement statement = connection.createStatement()) {
			ResultSet history = statement.executeQuery("SELECT count(*), bool_and(success), min(installed_by) FROM "
					+ this.schema + ".flyway_schema_history WHERE version IS NOT NULL");
			assertThat(history.next()).isTrue();
			assertThat(history.getInt(1)).isPositive();
			assertThat(history.getBoolean(2)).isTrue();
			assertThat(history.getString(3)).isEqualTo(role);
			ResultSet outbox = statement.executeQuery("SELECT to_regclass('" + this.schema + ".event_publication')");
			assertThat(outbox.next()).isTrue();
			assertThat(outbox.getString(1)).isNotNull();
		}
	}

	@Test
	protected void answersAnUnknownPathWithProblemJsonAndEchoesTheRequestId() throws Exception {
		HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(uri("/no/such/path"))
			.header("X-Request-ID", "contract-test-1")
			.header("Accept", "application/json")
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isIn(401, 404);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(response.headers().firstValue("X-Request-ID")).hasValue("contract-test-1");
		assertThat(response.body()).contains("\"request_id\":\"contract-test-1\"")
			.contains("\"code\":")
			.contains("\"error\":")
			.contains("\"message\":")
			.doesNotContain("Exception")
			.doesNotContain("trace");
	}

	@Test
	protected void replacesAnInsaneRequestId() throws Exception {
		HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(uri("/actuator/health/liveness"))
			.header("X-Request-ID", "bad id <script>")
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.headers().firstValue("X-Request-ID"))
			.hasValueSatisfying((id) -> assertThat(id).matches("[0-9a-f-]{36}"));
	}

	protected HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return this.http.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

}
