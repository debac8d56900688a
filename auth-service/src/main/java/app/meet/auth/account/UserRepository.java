package app.meet.auth.account;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Optional;
import java.util.UUID;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code users} table. */
@Repository
public class UserRepository {

	private final JdbcClient jdbc;

	UserRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Inserts a new account.
	 * @throws EmailTakenException or {@link UsernameTakenException} when either is taken,
	 * ignoring case (decided by the unique indexes, so concurrent registrations cannot
	 * both win)
	 */
	void insert(User user) {
		try {
			this.jdbc.sql("""
					INSERT INTO users (id, email, username, name, password_hash, created_at, updated_at)
					VALUES (:id, :email, :username, :name, :passwordHash, :createdAt, :updatedAt)
					""")
				.param("id", user.id())
				.param("email", user.email())
				.param("username", user.username())
				.param("name", user.name())
				.param("passwordHash", user.passwordHash())
				.param("createdAt", Timestamp.from(user.createdAt()))
				.param("updatedAt", Timestamp.from(user.updatedAt()))
				.update();
		}
		catch (DuplicateKeyException ex) {
			String message = String.valueOf(ex.getMessage());
			if (message.contains("users_email_key")) {
				throw new EmailTakenException();
			}
			if (message.contains("users_username_key")) {
				throw new UsernameTakenException();
			}
			throw ex;
		}
	}

	public Optional<User> findById(UUID id) {
		return this.jdbc.sql("SELECT * FROM users WHERE id = :id")
			.param("id", id)
			.query(UserRepository::map)
			.optional();
	}

	Optional<User> findByEmail(String email) {
		return this.jdbc.sql("SELECT * FROM users WHERE lower(email) = lower(:email)")
			.param("email", email)
			.query(UserRepository::map)
			.optional();
	}

	Optional<User> findByUsername(String username) {
		return this.jdbc.sql("SELECT * FROM users WHERE lower(username) = lower(:username)")
			.param("username", username)
			.query(UserRepository::map)
			.optional();
	}

	boolean emailExists(String email) {
		return findByEmail(email).isPresent();
	}

	boolean usernameExists(String username) {
		return findByUsername(username).isPresent();
	}

	void updateName(User user) {
		this.jdbc.sql("UPDATE users SET name = :name, updated_at = :updatedAt WHERE id = :id")
			.param("name", user.name())
			.param("updatedAt", Timestamp.from(user.updatedAt()))
			.param("id", user.id())
			.update();
	}

	public void updateAvatar(User user) {
		this.jdbc.sql("""
				UPDATE users SET avatar_object = :object, avatar_type = :type, updated_at = :updatedAt WHERE id = :id
				""")
			.param("object", user.avatarObject())
			.param("type", user.avatarType())
			.param("updatedAt", Timestamp.from(user.updatedAt()))
			.param("id", user.id())
			.update();
	}

	private static User map(ResultSet row, int index) throws SQLException {
		return new User(row.getObject("id", UUID.class), row.getString("email"), row.getString("username"),
				row.getString("name"), row.getString("password_hash"), row.getString("avatar_object"),
				row.getString("avatar_type"), row.getTimestamp("created_at").toInstant(),
				row.getTimestamp("updated_at").toInstant());
	}

}
