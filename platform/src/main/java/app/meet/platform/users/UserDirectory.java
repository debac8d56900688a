package app.meet.platform.users;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * A service's copy of the users it shows, in its own {@code users} table: refreshed from
 * the claims of the tokens that call it, from what other services tell of them (the
 * participants in {@code meeting.events}) and from {@code auth.events}; older news never
 * wins. A service that keeps one declares it as a bean, and
 * {@link UserDirectoryAutoConfiguration} keeps it in step with {@code auth.events}.
 */
public class UserDirectory {

	private final JdbcClient jdbc;

	public UserDirectory(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Records (or refreshes) the token's user, as of the token's issue; returns their id.
	 */
	public UUID remember(Jwt token) {
		UUID id = UUID.fromString(token.getSubject());
		String username = claim(token, "username", "user");
		remember(id, username, claim(token, "name", username),
				(token.getIssuedAt() != null) ? token.getIssuedAt() : Instant.now());
		return id;
	}

	/** Records (or refreshes) a user as another service saw them just now. */
	public void remember(UUID id, String username, String name) {
		remember(id, username, name, Instant.now());
	}

	private void remember(UUID id, String username, String name, Instant asOf) {
		this.jdbc.sql("""
				INSERT INTO users (id, username, name, updated_at) VALUES (:id, :username, :name, :asOf)
				ON CONFLICT (id) DO UPDATE SET username = excluded.username, name = excluded.name,
					updated_at = excluded.updated_at
				WHERE users.updated_at < excluded.updated_at
					AND (users.username <> excluded.username OR users.name <> excluded.name)
				""")
			.param("id", id)
			.param("username", username)
			.param("name", name)
			.param("asOf", Timestamp.from(asOf))
			.update();
	}

	/** Applies a user's public profile as another service reported it at {@code asOf}. */
	public void apply(UserView user, Instant asOf) {
		this.jdbc.sql("""
				INSERT INTO users (id, username, name, avatar_url, created_at, updated_at)
				VALUES (:id, :username, :name, :avatarUrl, :createdAt, :asOf)
				ON CONFLICT (id) DO UPDATE SET username = excluded.username, name = excluded.name,
					avatar_url = excluded.avatar_url, created_at = coalesce(excluded.created_at, users.created_at),
					updated_at = excluded.updated_at
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

	/**
	 * Makes sure a row exists for the user, as a placeholder any real news of them
	 * replaces.
	 */
	public void ensureKnown(UUID id) {
		this.jdbc.sql("""
				INSERT INTO users (id, username, name, updated_at) VALUES (:id, 'unknown', 'Unknown user', :epoch)
				ON CONFLICT (id) DO NOTHING
				""").param("id", id).param("epoch", Timestamp.from(Instant.EPOCH)).update();
	}

	public Optional<UserView> find(UUID id) {
		return this.jdbc.sql("SELECT * FROM users WHERE id = :id").param("id", id).query(UserDirectory::map).optional();
	}

	/** The user, or a placeholder for one the service has not heard of. */
	public UserView findOrUnknown(UUID id) {
		return find(id).orElseGet(() -> new UserView(id, "unknown", "Unknown user", "", null));
	}

	public static UserView map(ResultSet row, int index) throws SQLException {
		return map(row, "");
	}

	/** Maps the user columns of a row whose user columns carry the given prefix. */
	public static UserView map(ResultSet row, String prefix) throws SQLException {
		Timestamp created = row.getTimestamp(prefix + "created_at");
		return new UserView(row.getObject(prefix + "id", UUID.class), row.getString(prefix + "username"),
				row.getString(prefix + "name"), row.getString(prefix + "avatar_url"),
				(created != null) ? created.toInstant() : null);
	}

	private static String claim(Jwt token, String name, String fallback) {
		String value = token.getClaimAsString(name);
		return (value != null && !value.isBlank()) ? value : fallback;
	}

}
