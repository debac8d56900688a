package app.meet.devstack;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import app.meet.devstack.test.SharedInfrastructure;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class SchemaIsolationIntegrationTests {

	private final PostgresServer postgres = SharedInfrastructure.get().postgres();

	@Test
	void eachServiceRoleWorksInItsOwnSchemaByDefault() throws SQLException {
		try (Connection auth = connectAs("auth_service"); Statement statement = auth.createStatement()) {
			statement.execute("CREATE TABLE isolation_probe (id int)");
			var schema = statement.executeQuery(
					"SELECT table_schema FROM information_schema.tables" + " WHERE table_name = 'isolation_probe'");
			assertThat(schema.next()).isTrue();
			assertThat(schema.getString(1)).isEqualTo("auth");
		}
	}

	@Test
	void oneServiceRoleCannotReadAnotherServicesSchema() throws SQLException {
		try (Connection meeting = connectAs("meeting_service"); Statement statement = meeting.createStatement()) {
			statement.execute("CREATE TABLE IF NOT EXISTS meetings_probe (id int)");
		}
		try (Connection chat = connectAs("chat_service"); Statement statement = chat.createStatement()) {
			assertThatExceptionOfType(SQLException.class)
				.isThrownBy(() -> statement.executeQuery("SELECT * FROM meeting.meetings_probe"))
				.withMessageContaining("permission denied for schema meeting");
		}
	}

	@Test
	void serviceRolesCannotCreateObjectsInThePublicSchema() throws SQLException {
		try (Connection recording = connectAs("recording_service"); Statement statement = recording.createStatement()) {
			assertThatExceptionOfType(SQLException.class)
				.isThrownBy(() -> statement.execute("CREATE TABLE public.escape (id int)"))
				.withMessageContaining("permission denied for schema public");
		}
	}

	private Connection connectAs(String role) throws SQLException {
		return DriverManager.getConnection(this.postgres.jdbcUrl(PostgresServer.DATABASE), role, role);
	}

}
