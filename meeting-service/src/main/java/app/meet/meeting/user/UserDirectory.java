package app.meet.meeting.user;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;

/**
 * meeting-service's copy of the users it shows: refreshed from the claims of every token
 * that creates or joins a meeting, and from {@code auth.events}.
 */
@Component
public class UserDirectory {

	private final JdbcClient jdbc;

	UserDirectory(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Records (or refreshes) the token's user; returns their id. */
	public UUID remember(Jwt token) {
		UUID id = UUID.fromString(token.getSubject());
		String username = claim(token, "username", "user");
		remember(id, username, claim(token, "name", username),
				(token.getIssuedAt() != null) ? token.getIssuedAt() : Instant.now());
		return id;
	}

	/** Records (or refreshes) a user as another service saw them (from their token). */
	public void remember(UUID id, String username, String name) {
		remember(id, username, name, Instant.now());
	}

	private void remember(UUID id, String username, String name, Instant asOf) {
		this.jdbc.sql("""
				INSERT INTO users (id, username, name, updated_at) VALUES (:id, :username, :name, :now)
				ON CONFLICT (id) DO UPDATE SET username = excluded.username, name = excluded.name,
					updated_at = excluded.updated_at
				WHERE users.username <> excluded.username OR users.name <> excluded.name
				""")
			.param("id", id)
			.param("username", username)
			.param("name", name)
			.param("now", Timestamp.from(asOf))
			.update();
	}

	/**
	 * Applies a user's latest public profile from auth-service; older news never wins.
	 */
	void apply(UserView user, Instant asOf) {
		this.jdbc.sql("""
				INSERT INTO users (id, username, name, avatar_url, created_at, updated_at)
				VALUES (:id, :username, :name, :avatarUrl, :createdAt, :asOf)
				ON CONFLICT (id) DO UPDATE SET username = excluded.username, name = excluded.name,
					avatar_url = excluded.avatar_url, created_at = excluded.created_at, updated_at = excluded.updated_at
				WHERE users.updated_at <= excluded.updated_at
				""")
			.param("id", user.id())
			.param("username", user.username())
			.param("name", user.name())
			.param("avatarUrl", (user.avatarUrl() != null) ? user.avatarUrl() : "")
			.param("createdAt", (user.createdAt() != null) ? Timestamp.from(user.createdAt()) : null)
			.param("asOf", Timestamp.from(asOf))
			.update();
	}

	public Optional<UserView> find(UUID id) {
		return this.jdbc.sql("SELECT * FROM users WHERE id = :id").param("id", id).query(UserDirectory::map).optional();
	}

	public static UserView map(ResultSet row, int index) throws SQLException {
		Timestamp created = row.getTimestamp("created_at");
		return new UserView(row.getObject("id", UUID.class), row.getString("username"), row.getString("name"),
				row.getString("avatar_url"), (created != null) ? created.toInstant() : null);
	}

	private static String claim(Jwt token, String name, String fallback) {
		String value = token.getClaimAsString(name);
		return (value != null && !value.isBlank()) ? value : fallback;
	}

}
