package app.meet.chat.user;

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
 * chat-service's copy of the users its messages name: refreshed from the claims of the
 * tokens that post, from the participants in {@code meeting.events} and from
 * {@code auth.events}; older news never wins.
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
		this.jdbc.sql("""
				INSERT INTO users (id, username, name, updated_at) VALUES (:id, :username, :name, :asOf)
				ON CONFLICT (id) DO UPDATE SET username = excluded.username, name = excluded.name,
					updated_at = excluded.updated_at
				WHERE users.updated_at < excluded.updated_at
					AND (users.username <> excluded.username OR users.name <> excluded.name)
				""")
			.param("id", id)
			.param("username", username)
			.param("name", claim(token, "name", username))
			.param("asOf", Timestamp.from((token.getIssuedAt() != null) ? token.getIssuedAt() : Instant.now()))
			.update();
		return id;
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

	/** The user, or a placeholder for one chat-service has not heard of. */
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
