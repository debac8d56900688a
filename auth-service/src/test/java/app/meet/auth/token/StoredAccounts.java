package app.meet.auth.token;

import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;

/** Account rows for token tests: refresh tokens refer to their user. */
final class StoredAccounts {

	private StoredAccounts() {
	}

	/** A new account, as the subject of its tokens; its handle starts with the prefix. */
	static TokenSubject insert(JdbcClient jdbc, String prefix) {
		UUID id = UUID.randomUUID();
		String handle = prefix + id.toString().substring(0, 8);
		jdbc.sql("INSERT INTO users (id, email, username, name, password_hash, created_at, updated_at)"
				+ " VALUES (:id, :email, :username, 'Token Test', 'not-a-hash', now(), now())")
			.param("id", id)
			.param("email", handle + "@example.com")
			.param("username", handle)
			.update();
		return new TokenSubject(id, handle, "Token Test", handle + "@example.com");
	}

}
